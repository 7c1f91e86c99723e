namespace Scheduler.Tests.Deploy;

/// <summary>A file system root for <c>systemd-analyze verify --root</c>: the unit, the executable it starts, the system's own units.</summary>
internal sealed class FakeSystemRoot : IDisposable
{
    public FakeSystemRoot(string unit, bool withExecutable)
    {
        Path = Directory.CreateTempSubdirectory("scheduler-systemd-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "etc/systemd/system"));
        File.Copy(unit, System.IO.Path.Combine(Path, "etc/systemd/system/scheduler.service"));
        if (withExecutable)
        {
            var executable = System.IO.Path.Combine(Path, SystemdUnitTests.Executable.TrimStart('/'));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(executable)!);
            File.WriteAllText(executable, "#!/bin/sh\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public string Path { get; }

    /// <summary>The targets the unit names (network-online.target, multi-user.target) and what they pull in.</summary>
    public async Task CopySystemUnitsAsync()
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "usr/lib/systemd"));
        var copy = await ToolRun.RunAsync("cp", ["-a", "/usr/lib/systemd/system", System.IO.Path.Combine(Path, "usr/lib/systemd/")]);
        Assert.True(copy.ExitCode == 0, copy.Describe());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
