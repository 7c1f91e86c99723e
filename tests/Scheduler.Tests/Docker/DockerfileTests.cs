using System.Xml.Linq;
using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Docker;

/// <summary>There is no Docker engine in CI, so these check what a build would trip over: paths, projects, ports, the entry point.</summary>
public sealed class DockerfileTests
{
    private const string PublishedProject = "src/Scheduler/Scheduler.csproj";
    private static readonly string Root = RepositoryExamplesTests.FindRepositoryRoot();
    private static readonly Dockerfile File = Dockerfile.Parse(System.IO.File.ReadAllText(Path.Combine(Root, "Dockerfile")));

    [Fact]
    public void Every_path_copied_from_the_build_context_exists_in_the_repository()
    {
        var sources = File.All("COPY").Where(c => c.Flag("from") is null).SelectMany(c => c.Operands.SkipLast(1)).ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = Path.Combine(Root, source);
            Assert.True(System.IO.File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file or folder in the repository.");
            Assert.DoesNotContain(source.Split('/'), segment => segment is "bin" or "obj" or "node_modules" or ".git"); // .dockerignore leaves them out
        }
    }

    [Fact]
    public void Every_project_the_published_project_needs_is_copied_before_the_restore()
    {
        var restoreIndex = IndexOf(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copiedBeforeRestore = File.Instructions.Take(restoreIndex)
            .Where(i => i.Keyword == "COPY" && i.Flag("from") is null)
            .SelectMany(i => i.Operands.SkipLast(1))
            .ToHashSet();

        foreach (var project in ProjectClosure(PublishedProject))
        {
            Assert.Contains(project, copiedBeforeRestore);
        }

        Assert.All(copiedBeforeRestore.Where(p => p.EndsWith(".csproj", StringComparison.Ordinal)), p => Assert.True(System.IO.File.Exists(Path.Combine(Root, p)), p));
        Assert.Contains("Directory.Packages.props", copiedBeforeRestore); // central versions: restore fails without them
        Assert.Contains("Directory.Build.props", copiedBeforeRestore);
    }

    [Fact]
    public void It_publishes_the_scheduler_executable_and_runs_scheduler_dll()
    {
        var publish = Assert.Single(File.All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(PublishedProject, publish.Words);
        var restore = Assert.Single(File.All("RUN"), r => r.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.Equal(["dotnet", "restore", PublishedProject], restore.Words);

        var assemblyName = XDocument.Load(Path.Combine(Root, PublishedProject)).Descendants("AssemblyName").Single().Value;
        Assert.Equal(["dotnet", $"{assemblyName}.dll"], File.Single("ENTRYPOINT").Words);
        Assert.Equal("scheduler", assemblyName);
    }

    [Fact]
    public void The_build_and_runtime_images_are_the_dotnet_10_sdk_and_aspnet_and_the_runtime_is_not_root()
    {
        var stages = File.All("FROM").Select(f => f.Words).ToList();
        Assert.Contains(stages, s => s[0] == "mcr.microsoft.com/dotnet/sdk:10.0");
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1][0]);

        var lastFrom = File.Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM");
        var user = Assert.Single(File.Instructions.Skip(lastFrom), i => i.Keyword == "USER");
        Assert.NotEqual("root", user.Arguments);
        Assert.NotEqual("0", user.Arguments);

        var stageNames = stages.Where(s => s.Count == 3).Select(s => s[2]).ToList();
        Assert.All(File.All("COPY").Select(c => c.Flag("from")).OfType<string>(), from => Assert.Contains(from, stageNames));
    }

    [Fact]
    public void It_serves_the_mounted_folders_on_the_exposed_port_and_checks_health_on_that_port()
    {
        var command = File.Single("CMD").Words;
        Assert.Equal("serve", command[0]);
        Assert.Equal("/schedules", After(command, "--schedules"));
        Assert.Equal("/data", After(command, "--data"));
        var port = new Uri(After(command, "--urls")).Port;
        Assert.Equal("http://0.0.0.0:8080", After(command, "--urls"));

        Assert.Equal($"{port}", File.Single("EXPOSE").Arguments);
        Assert.Equal(["/data", "/schedules"], File.Single("VOLUME").Words);

        var probe = string.Join(' ', File.Single("HEALTHCHECK").Operands);
        Assert.StartsWith("CMD ", probe, StringComparison.Ordinal);
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", probe, StringComparison.Ordinal);
        Assert.Contains("GET /healthz", probe, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_never_lets_anonymous_users_act_and_its_header_shows_a_secure_setup()
    {
        // Listening on 0.0.0.0 with no sign-in answers 401 (docs/security.md); the image must not undo that.
        var environment = string.Join('\n', File.All("ENV").Select(e => e.Arguments));
        Assert.DoesNotContain("Scheduler__Auth__AllowAnonymous", environment, StringComparison.Ordinal);
        Assert.DoesNotContain("Scheduler__Auth__Mode", environment, StringComparison.Ordinal);

        var text = System.IO.File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        foreach (var variable in new[] { "Scheduler__Auth__Mode=oidc", "Scheduler__Auth__Oidc__ClientSecret=\"$OIDC_CLIENT_SECRET\"", "Scheduler__Auth__Mode=proxy", "Scheduler__Auth__Proxy__TrustedNetworks=" })
        {
            Assert.Contains(variable, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_image_sets_the_idle_runtime_variables_the_idle_benchmark_measures()
    {
        // Kept in step with tests/Scheduler.Benchmarks/Idle/ShippedEnvironment.cs and the systemd unit.
        var variables = File.All("ENV").SelectMany(e => e.Arguments.Split(' ')).ToList();

        Assert.Contains("DOTNET_TieredCompilation=0", variables);
        Assert.Contains("DOTNET_GCgen0size=0x400000", variables);
    }

    [Fact]
    public void The_dockerignore_keeps_build_output_state_packages_and_history_out_of_the_context()
    {
        var ignored = System.IO.File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        foreach (var name in new[] { "bin", "obj", "data", "node_modules", ".git" })
        {
            Assert.Contains(ignored, pattern => pattern == name || pattern == $"**/{name}");
        }
    }

    private static int IndexOf(Func<DockerInstruction, bool> match)
    {
        var index = File.Instructions.ToList().FindIndex(i => match(i));
        Assert.True(index >= 0);
        return index;
    }

    private static string After(IReadOnlyList<string> words, string flag) => words[words.ToList().IndexOf(flag) + 1];

    /// <summary>The project and every project it references, directly or not, as repository paths.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([project]);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Path.Combine(Root, next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                queue.Enqueue(Path.GetRelativePath(Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }
}
