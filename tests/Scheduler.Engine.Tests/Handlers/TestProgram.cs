using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>The dummy program (tests/Scheduler.TestProgram), copied beside the tests by the test project, run through the dotnet host.</summary>
internal static class TestProgram
{
    public static string Dll { get; } = Path.Join(AppContext.BaseDirectory, "test-program", "scheduler-test-program.dll");

    /// <summary>The dotnet host: the SDK names it in DOTNET_HOST_PATH when it runs tests; otherwise the one on PATH.</summary>
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>argv running the dummy with <paramref name="verbAndArguments"/>.</summary>
    public static string[] Argv(params string[] verbAndArguments) => [Dotnet, "exec", Dll, .. verbAndArguments];

    public static CommandHandler Command(params string[] verbAndArguments) => new(Argv(verbAndArguments));
}
