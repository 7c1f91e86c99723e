using Scheduler.Benchmarks.Fire;
using Scheduler.Benchmarks.Idle;
using Scheduler.Benchmarks.Page;
using Scheduler.Benchmarks.Spawn;
using Scheduler.Benchmarks.Validate;

namespace Scheduler.Benchmarks;

/// <summary><c>scheduler-bench SUBCOMMAND [options]</c>: picks the subcommand by its first argument, nothing more.</summary>
internal static class Program
{
    private static readonly IBenchmark[] Benchmarks =
        [new ValidateBenchmark(), new FireBenchmark(), new SpawnBenchmark(), new IdleBenchmark(), new PageBenchmark()];

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            WriteHelp(args.Length == 0 ? Console.Error : Console.Out);
            return args.Length == 0 ? 2 : 0;
        }

        var benchmark = Array.Find(Benchmarks, b => b.Name == args[0]);
        if (benchmark is null)
        {
            Console.Error.WriteLine($"scheduler-bench: unknown subcommand '{args[0]}'.");
            WriteHelp(Console.Error);
            return 2;
        }

        BenchArguments arguments;
        try
        {
            arguments = BenchArguments.Parse(args.AsSpan(1));
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"scheduler-bench {benchmark.Name}: {e.Message}");
            Console.Error.WriteLine(benchmark.Usage);
            return 2;
        }

        if (arguments.Help)
        {
            Console.Out.WriteLine($"scheduler-bench {benchmark.Name}: {benchmark.Summary}");
            Console.Out.WriteLine(benchmark.Usage);
            return 0;
        }

        try
        {
            return benchmark.Run(arguments);
        }
        catch (FormatException e)
        {
            // Option values are converted lazily by the subcommand; a bad one is a usage error, not a crash.
            Console.Error.WriteLine($"scheduler-bench {benchmark.Name}: {e.Message}");
            Console.Error.WriteLine(benchmark.Usage);
            return 2;
        }
    }

    private static void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: scheduler-bench SUBCOMMAND [options]   (run in Release: dotnet run -c Release --project tests/Scheduler.Benchmarks -- SUBCOMMAND)");
        output.WriteLine();
        output.WriteLine("Subcommands:");
        foreach (var benchmark in Benchmarks)
        {
            output.WriteLine($"  {benchmark.Name,-10} {benchmark.Summary}");
        }

        output.WriteLine();
        output.WriteLine("scheduler-bench SUBCOMMAND --help lists its options. Results: a table on stdout, then one JSON line; progress goes to stderr.");
    }
}
