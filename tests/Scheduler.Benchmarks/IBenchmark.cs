namespace Scheduler.Benchmarks;

/// <summary>One subcommand of <c>scheduler-bench</c>; each lives in a file of its own and is listed in <see cref="Program"/>.</summary>
internal interface IBenchmark
{
    /// <summary>The first argument that selects it, e.g. <c>validate</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Summary { get; }

    /// <summary>The options, one per line, for <c>scheduler-bench NAME --help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs with the arguments after the name; returns the exit code.</summary>
    int Run(BenchArguments arguments);
}
