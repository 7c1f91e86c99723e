using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// The run's first image on Linux x86-64: a 330-byte static program, kept in memory (a sealed memfd, never a file on
/// disk), that does in one exec what <c>setsid</c> and the <c>sh</c> trampoline did in two: <c>setpgid(0, 0)</c> (the
/// run leads a process group of its own, so its whole tree can be signalled), leave the controlling terminal if there
/// is one (<c>TIOCNOTTY</c>, so a run of a <c>scheduler</c> started in a terminal cannot read it, as after setsid), then
/// <c>dup2(1, 2)</c> (stderr into the stdout pipe, so both arrive in the order written), then waits for one byte on
/// its stdin (<see cref="RunProcess"/> writes it when the run starts: at once, or at the slot for a process started
/// ahead; end-of-file instead means the run never starts, and the stub exits 125), then
/// <c>execve(argv[1], argv + 2, envp)</c>: the program's full path, then its argv exactly as given. No dynamic loader,
/// no libc, no locale. .NET cannot do these steps itself between fork and exec (<c>ProcessStartInfo</c> has neither a
/// process-group option nor caller-supplied standard handles on Unix) and the parent cannot do them after the exec, so
/// some image must; this is the cheapest one there is.
/// </summary>
/// <remarks>
/// setpgid rather than setsid: with the kernel's scheduler autogroups on (the default of most distributions), every
/// new session creates and later frees a scheduling group, which cost more than the rest of the start together
/// (docs/performance.md, spawn). The run stays in the scheduler's session, without its terminal.
/// </remarks>
internal static class ExecStub
{
    private const ulong LoadAddress = 0x400000;
    private const int ElfHeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const int CodeOffset = ElfHeaderSize + ProgramHeaderSize;

    // gcc -nostdlib -static of the listing below, then objcopy -O binary -j .text (docs/performance.md, spawn).
    private static ReadOnlySpan<byte> X64Code =>
    [
        0xb8, 0x6d, 0x00, 0x00, 0x00,             // mov $109, %eax         setpgid(0, 0): a group of its own
        0x31, 0xff,                               // xor %edi, %edi
        0x31, 0xf6,                               // xor %esi, %esi
        0x0f, 0x05,                               // syscall
        0xb8, 0x02, 0x00, 0x00, 0x00,             // mov $2, %eax           open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        0x48, 0x8d, 0x3d, 0x85, 0x00, 0x00, 0x00, // lea tty(%rip), %rdi
        0xbe, 0x02, 0x01, 0x08, 0x00,             // mov $0x80102, %esi
        0x0f, 0x05,                               // syscall
        0x85, 0xc0,                               // test %eax, %eax        no controlling terminal (ENXIO): skip
        0x78, 0x0e,                               // js 1f
        0x89, 0xc7,                               // mov %eax, %edi         ioctl(fd, TIOCNOTTY): leave the terminal,
        0xbe, 0x22, 0x54, 0x00, 0x00,             // mov $0x5422, %esi      as setsid would (exec closes the fd)
        0xb8, 0x10, 0x00, 0x00, 0x00,             // mov $16, %eax
        0x0f, 0x05,                               // syscall
        0xb8, 0x21, 0x00, 0x00, 0x00,             // 1: mov $33, %eax       dup2(1, 2)
        0xbf, 0x01, 0x00, 0x00, 0x00,             // mov $1, %edi
        0xbe, 0x02, 0x00, 0x00, 0x00,             // mov $2, %esi
        0x0f, 0x05,                               // syscall
        0x31, 0xc0,                               // xor %eax, %eax         read(0, -8(%rsp), 1): wait for the go byte
        0x31, 0xff,                               // xor %edi, %edi
        0x48, 0x8d, 0x74, 0x24, 0xf8,             // lea -8(%rsp), %rsi
        0xba, 0x01, 0x00, 0x00, 0x00,             // mov $1, %edx
        0x0f, 0x05,                               // syscall
        0x48, 0x83, 0xf8, 0x01,                   // cmp $1, %rax
        0x75, 0x39,                               // jne 2f                 end of file or an error: never released, exit(125)
        0x48, 0x8b, 0x0c, 0x24,                   // mov (%rsp), %rcx       argc
        0x48, 0x8b, 0x7c, 0x24, 0x10,             // mov 16(%rsp), %rdi     argv[1]: the path
        0x48, 0x8d, 0x74, 0x24, 0x18,             // lea 24(%rsp), %rsi     argv + 2: the program's argv
        0x48, 0x8d, 0x54, 0xcc, 0x10,             // lea 16(%rsp,%rcx,8), %rdx   envp, after argv's NULL
        0xb8, 0x3b, 0x00, 0x00, 0x00,             // mov $59, %eax          execve(path, argv, envp)
        0x0f, 0x05,                               // syscall
        0xbf, 0x02, 0x00, 0x00, 0x00,             // mov $2, %edi           only reached when execve failed:
        0x48, 0x8d, 0x35, 0x28, 0x00, 0x00, 0x00, // lea msg(%rip), %rsi    write(2, msg, 45)
        0xba, 0x2d, 0x00, 0x00, 0x00,             // mov $45, %edx
        0xb8, 0x01, 0x00, 0x00, 0x00,             // mov $1, %eax
        0x0f, 0x05,                               // syscall
        0xbf, 0x7f, 0x00, 0x00, 0x00,             // mov $127, %edi         exit(127), as a shell's exec would
        0xeb, 0x05,                               // jmp 3f
        0xbf, 0x7d, 0x00, 0x00, 0x00,             // 2: mov $125, %edi
        0xb8, 0x3c, 0x00, 0x00, 0x00,             // 3: mov $60, %eax       exit
        0x0f, 0x05,                               // syscall
        0x2f, 0x64, 0x65, 0x76, 0x2f, 0x74, 0x74, 0x79, 0x00, // tty: "/dev/tty"
        // msg: "scheduler: the program could not be executed\n"
        0x73, 0x63, 0x68, 0x65, 0x64, 0x75, 0x6c, 0x65, 0x72, 0x3a, 0x20, 0x74, 0x68, 0x65, 0x20, 0x70, 0x72, 0x6f,
        0x67, 0x72, 0x61, 0x6d, 0x20, 0x63, 0x6f, 0x75, 0x6c, 0x64, 0x20, 0x6e, 0x6f, 0x74, 0x20, 0x62, 0x65, 0x20,
        0x65, 0x78, 0x65, 0x63, 0x75, 0x74, 0x65, 0x64, 0x0a,
    ];

    private static readonly Lazy<SafeFileHandle?> Image = new(Load);

    private static volatile bool s_refused;

    /// <summary>
    /// The path to exec the stub by (<c>/proc/self/fd/N</c>: in the child between fork and exec, "self" is the child,
    /// which holds a copy of the descriptor until the exec succeeds); null where it cannot be used, and the runner then
    /// starts <c>setsid</c> and <c>sh</c> as before.
    /// </summary>
    public static string? Path => !s_refused && Image.Value is { } image ? $"/proc/self/fd/{image.DangerousGetHandle()}" : null;

    /// <summary>Stops using the stub after the system refused to exec it (a memfd exec policy, an SELinux rule).</summary>
    public static void Refused() => s_refused = true;

    /// <summary>Never uses the stub (<c>Scheduler:Runs:ExecStub=false</c>): for hosts whose security tools flag executing from a memfd.</summary>
    public static void TurnOff() => s_refused = true;

    /// <summary>
    /// True for the errors a refused exec of the stub gives (EPERM, ENOEXEC, EACCES); a working directory that vanished
    /// since it was checked (ENOENT from the child's chdir) is no reason to give the stub up.
    /// </summary>
    public static bool IsRefusal(int errno) => errno is 1 or 8 or 13;

    /// <summary>The whole ELF file: one header, one loadable segment (read and execute) holding the header and the code.</summary>
    public static byte[] Elf()
    {
        var code = X64Code;
        var file = new byte[CodeOffset + code.Length];
        var span = file.AsSpan();
        "\u007fELF"u8.CopyTo(span);
        span[4] = 2; // 64-bit
        span[5] = 1; // little-endian
        span[6] = 1; // ELF version 1
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2);  // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 62); // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], LoadAddress + CodeOffset); // entry
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], ElfHeaderSize);            // program headers
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], ElfHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], 1);
        var segment = span[ElfHeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(segment, 1);       // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(segment[4..], 5);  // PF_R | PF_X
        BinaryPrimitives.WriteUInt64LittleEndian(segment[16..], LoadAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(segment[24..], LoadAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(segment[32..], (ulong)file.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(segment[40..], (ulong)file.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(segment[48..], 0x1000);
        code.CopyTo(span[CodeOffset..]);
        return file;
    }

    /// <summary>
    /// The stub in a memfd, sealed against change, reopened read-only (an exec refuses a file open for writing on older
    /// kernels: ETXTBSY); null off Linux x86-64 or when the kernel refuses a step.
    /// </summary>
    private static SafeFileHandle? Load()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        try
        {
            var fd = PosixNative.MemfdCreate("scheduler-exec-stub\0"u8.ToArray(), PosixNative.MFD_CLOEXEC | PosixNative.MFD_ALLOW_SEALING);
            if (fd < 0)
            {
                return null;
            }

            using var writable = new SafeFileHandle(fd, ownsHandle: true);
            RandomAccess.Write(writable, Elf(), 0);
            if (PosixNative.Fcntl(fd, PosixNative.F_ADD_SEALS, PosixNative.AllSeals) != 0)
            {
                return null;
            }

            return File.OpenHandle($"/proc/self/fd/{fd}", FileMode.Open, FileAccess.Read);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
