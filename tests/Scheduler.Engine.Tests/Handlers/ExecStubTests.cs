using System.Diagnostics;
using System.Runtime.InteropServices;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>The in-memory exec stub a run starts through on Linux x86-64, and the setsid + sh line where it cannot.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExecStubTests : IDisposable
{
    private static readonly bool StubExpected = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_binary_or_a_shebang_script_starts_through_the_stub_with_its_argv_as_written()
    {
        var script = Executable("hello.sh", "#!/bin/sh\necho hi\n");

        var binary = LaunchLine.ForCommand("/usr/bin/env", ["env", "-0"]);
        var shebang = LaunchLine.ForCommand(script, ["./hello.sh"]);

        Assert.Equal(StubExpected, binary!.ThroughStub);
        Assert.Equal(StubExpected, shebang!.ThroughStub);
        if (StubExpected)
        {
            Assert.Equal(["/usr/bin/env", "env", "-0"], binary.Arguments);
            Assert.Equal([script, "./hello.sh"], shebang.Arguments);
        }
    }

    [Fact]
    public async Task A_script_without_a_shebang_line_runs_as_a_shell_script_as_execvp_would()
    {
        var script = Executable("plain", "echo \"plain $1\"\necho oops >&2\n");
        var context = HandlerRuns.Context(HandlerRuns.Task(new CommandHandler([script, "arg"])));

        var outcome = await new CommandRunHandler().RunAsync(context, CancellationToken.None);

        Assert.False(LaunchLine.ForCommand(script, [script])!.ThroughStub);
        Assert.Equal(HandlerOutcome.Succeeded(), outcome);
        Assert.Equal("plain arg\noops\n", context.Output.ToText());
    }

    [Fact]
    public async Task The_stub_leads_a_new_group_joins_stderr_to_stdout_and_execs_the_program_in_place()
    {
        if (!StubExpected)
        {
            return; // the stub is built for Linux x86-64 only
        }

        var start = new ProcessStartInfo(ExecStub.Path!) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "/bin/sh", "named-sh", "-c", "read -r stat < /proc/$$/stat; echo \"$0 $$ $stat\"; echo err >&2" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Go(Process.Start(start)!);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);

        // /proc/PID/stat: pid (comm) state ppid pgrp session tty_nr ...: the group is the run's, no terminal.
        var words = output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["named-sh", $"{process.Id}", $"{process.Id}", "(sh)"], words[..4]);
        Assert.Equal($"{process.Id}", words[6]);
        Assert.Equal("0", words[8]);
        Assert.Equal("err", words[^1]);
        Assert.Equal("", await error);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task The_stub_says_so_and_exits_127_when_the_program_cannot_be_executed()
    {
        if (!StubExpected)
        {
            return; // the stub is built for Linux x86-64 only
        }

        var start = new ProcessStartInfo(ExecStub.Path!) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(_folder.File("gone"));
        start.ArgumentList.Add("gone");

        using var process = Go(Process.Start(start)!);
        var output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);

        Assert.Equal("scheduler: the program could not be executed\n", output);
        Assert.Equal(127, process.ExitCode);
    }

    [Fact]
    public async Task A_shell_run_through_the_stub_keeps_the_scripts_line_numbers()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler("true\nnosuchprogram-xyz")));

        await new ShellRunHandler().RunAsync(context, CancellationToken.None);

        Assert.Equal(StubExpected, LaunchLine.ForShell("true")!.ThroughStub);
        Assert.Equal("/bin/sh: 2: nosuchprogram-xyz: not found\n", context.Output.ToText());
    }

    [Fact]
    public async Task The_stub_exits_125_without_running_the_program_when_its_stdin_ends_before_the_go_byte()
    {
        if (!StubExpected)
        {
            return; // the stub is built for Linux x86-64 only
        }

        var marker = _folder.File("ran");
        var start = new ProcessStartInfo(ExecStub.Path!) { RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "/bin/sh", "sh", "-c", $"echo ran > '{marker}'" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);

        Assert.Equal((125, "", false), (process.ExitCode, output, File.Exists(marker)));
    }

    /// <summary>Writes the go byte the stub waits for before it execs the program, then ends its stdin.</summary>
    private static Process Go(Process stub)
    {
        stub.StandardInput.BaseStream.WriteByte(1);
        stub.StandardInput.Close();
        return stub;
    }

    private string Executable(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
