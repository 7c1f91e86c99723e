using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Scheduler.Tests.Serve;

namespace Scheduler.Tests.Deploy;

/// <summary>
/// <c>Type=notify</c> for real: serve started the way systemd starts it (its parent process is named systemd, the
/// notification socket in <c>NOTIFY_SOCKET</c>, credentials in <c>CREDENTIALS_DIRECTORY</c>) tells the socket it is
/// ready once it answers, and that it is stopping on SIGTERM.
/// </summary>
public sealed class SystemdNotifyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-notify-").FullName;

    [Fact]
    public async Task Serve_under_systemd_says_ready_when_it_answers_and_stopping_on_sigterm_and_reads_its_credentials()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "schedules"));
        var credentials = Directory.CreateDirectory(Path.Combine(_folder, "credentials")).FullName;
        // As LoadCredential= leaves it: one file per setting, a trailing newline that is not part of the value.
        await File.WriteAllTextAsync(Path.Combine(credentials, "Scheduler__Instance"), "from-credentials\n");

        // The host recognises systemd by its parent's name, so the parent is a shell reached through a link named systemd.
        var systemd = Path.Combine(_folder, "systemd");
        File.CreateSymbolicLink(systemd, "/bin/sh");
        var socketPath = Path.Combine(_folder, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var url = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var start = new ProcessStartInfo(systemd)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NOTIFY_SOCKET"] = socketPath, ["CREDENTIALS_DIRECTORY"] = credentials },
        };
        // "; echo" keeps the shell alive as the parent (a lone command would be exec'd in its place).
        foreach (var argument in (string[])["-c", "dotnet exec \"$0\" serve --schedules schedules --data data --urls \"$1\"; echo \"exit $?\"",
                     Path.Combine(AppContext.BaseDirectory, "scheduler.dll"), url])
        {
            start.ArgumentList.Add(argument);
        }

        using var shell = Process.Start(start)!;
        var output = new StringBuilder();
        shell.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        shell.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();
        try
        {
            var ready = await ReceiveAsync(socket, TimeSpan.FromSeconds(90), output);
            Assert.Contains("READY=1", ready, StringComparison.Ordinal);

            // Ready means answering: the page's API is up at that moment, with the instance name from the credential file.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{url}/api/status")));
            Assert.Contains("\"from-credentials\"", status.RootElement.ToString(), StringComparison.Ordinal);

            var scheduler = ChildOf(shell.Id);
            using (var kill = Process.Start("kill", ["-TERM", scheduler.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var stopping = await ReceiveAsync(socket, TimeSpan.FromSeconds(30), output);
            Assert.Contains("STOPPING=1", stopping, StringComparison.Ordinal);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await shell.WaitForExitAsync(exit.Token);
            shell.WaitForExit();
            Assert.Contains("exit 0", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!shell.HasExited)
            {
                shell.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<string> ReceiveAsync(Socket socket, TimeSpan timeout, StringBuilder output)
    {
        var buffer = new byte[4096];
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            lock (output)
            {
                Assert.Fail($"nothing arrived on NOTIFY_SOCKET within {timeout.TotalSeconds} s.\n{output}");
                throw;
            }
        }
    }

    /// <summary>The shell's one child: the scheduler.</summary>
    private static int ChildOf(int parent)
    {
        var children = File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
    }
}
