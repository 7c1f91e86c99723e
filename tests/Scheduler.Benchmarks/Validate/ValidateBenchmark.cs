using System.Globalization;
using System.Text;
using System.Text.Json;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Definitions.Loading;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Benchmarks.Validate;

/// <summary>
/// <c>scheduler-bench validate</c>: how much slower than a bare YAML parse is <c>scheduler validate</c>
/// on a large folder? The target (issue 16) is at most 1.5x. Three variants run interleaved in one process:
/// the bare parse, validate as the CLI does it (files read ahead on a second thread), and validate on one thread.
/// </summary>
internal sealed class ValidateBenchmark : IBenchmark
{
    private const double TargetRatio = 1.5;

    // Fixed, so every run and every machine measures the same files.
    private const int Seed = 20_251_123;

    public string Name => "validate";

    public string Summary => "time `scheduler validate` on N generated task files against a bare YamlDotNet parse";

    public string Usage => """
          --files N        task files to generate (default 10000)
          --iterations N   timed runs of each variant, interleaved (default 5)
          --keep DIR       generate into DIR (must not exist or be empty) and keep it afterwards
          --profile        also time the steps of validation one by one and print where the time goes
        """;

    public int Run(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var count = arguments.Int("files", 10_000, 1);
        var iterations = arguments.Int("iterations", 5, 1);
        var keep = arguments.Text("keep");
        var profile = arguments.Flag("profile");
        arguments.RejectUnused();

        var directory = keep is null
            ? Path.Combine(Path.GetTempPath(), $"scheduler-bench-validate-{Guid.NewGuid():N}")
            : Path.GetFullPath(keep);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Console.Error.WriteLine($"scheduler-bench validate: '{directory}' is not empty; --keep needs a new or empty folder.");
            return 2;
        }

        try
        {
            Log.Info($"generating {count} task files in {directory}");
            var tasks = new TaskFileGenerator(Seed).Write(directory, count);
            return Measure(directory, tasks, iterations, profile);
        }
        finally
        {
            if (keep is null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            else if (keep is not null)
            {
                Log.Info($"kept the generated files in {directory}");
            }
        }
    }

    private static int Measure(string directory, IReadOnlyList<GeneratedTask> tasks, int iterations, bool profile)
    {
        // Like the CLI: messages relative to where the user stands, DST notices from now on.
        var displayBase = Directory.GetCurrentDirectory();
        var from = DateTimeOffset.UtcNow;
        var count = tasks.Count;
        var loadBefore = Machine.LoadAverage();
        var capacityBefore = ParallelCapacity.Measure();
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"parallel capacity before: {capacityBefore:F2} of {Machine.Cores} cores"));

        var bare = new Variant("bare", "A  bare YamlDotNet parse (1 thread)");
        var validate = new Variant("validate", $"B  validate, as the CLI");
        var single = new Variant("validate_1thread", "C  validate, 1 thread");
        // The bare parse yields no set; the validate variants' sets are checked after each timed run, untimed.
        var runs = new (Variant Variant, Func<DefinitionSet?> Run)[]
        {
            (bare, () => BareParse(directory)),
            (validate, () => ValidateLikeCli(directory, displayBase, from)),
            (single, () => ValidateOneThread(directory, displayBase, from)),
        };

        // The first run of each pays JIT and the caches (time zones, zone transitions); a one-shot CLI
        // pays that too, so it is shown, but kept out of the median.
        var firstRun = new Dictionary<Variant, Sample>();
        var warnings = 0;
        foreach (var (variant, run) in runs)
        {
            Log.Info($"warm-up: {variant.Title}");
            DefinitionSet? set = null;
            firstRun[variant] = Sample.Take(() => set = run());
            warnings = Math.Max(warnings, Check(set, count));
        }

        for (var i = 1; i <= iterations; i++)
        {
            foreach (var (variant, run) in runs)
            {
                DefinitionSet? set = null;
                var sample = Sample.Take(() => set = run());
                Check(set, count);
                variant.Add(sample);
                Log.Info(string.Create(CultureInfo.InvariantCulture, $"iteration {i}/{iterations}: {variant.Key,-17} {sample.Milliseconds,9:F1} ms"));
            }
        }

        var table = new TextTable("variant", "median ms", "min ms", "files/s", "alloc MB", "x bare", "first run ms");
        foreach (var (variant, _) in runs)
        {
            table.Add(
                variant.Title,
                F(variant.MedianMs, 1),
                F(variant.MinMs, 1),
                F(variant.FilesPerSecond(count), 0),
                F(variant.AllocatedMb, 1),
                F(variant.MedianMs / bare.MedianMs, 2),
                F(firstRun[variant].Milliseconds, 1));
        }

        var loadAfter = Machine.LoadAverage();
        var capacityAfter = ParallelCapacity.Measure();
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"parallel capacity after: {capacityAfter:F2} of {Machine.Cores} cores"));
        var ratio = validate.MedianMs / bare.MedianMs;
        var ratioOneThread = single.MedianMs / bare.MedianMs;
        var output = Console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"validate: {count} files, {iterations} interleaved iterations (median), {warnings} DST warnings, 0 errors; {Machine.Cores} cores ({Machine.CpuModel}), .NET {Machine.Runtime}, load average {loadBefore:F2} before, {loadAfter:F2} after"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parallel capacity (CPU-bound loop on all cores vs one): {capacityBefore:F2} before, {capacityAfter:F2} after, of {Machine.Cores}; well below {Machine.Cores} means the cores were shared and B's speed-up cannot be judged"));
        output.WriteLine();
        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"B/A = {ratio:F2} (target <= {TargetRatio:F1}: {(ratio <= TargetRatio ? "met" : "NOT met")}), C/A = {ratioOneThread:F2} (per-file cost without parallelism), C/B = {single.MedianMs / validate.MedianMs:F2} (above 1: reading ahead on a second thread pays)"));

        IReadOnlyList<ProfileStep>? steps = null;
        if (profile)
        {
            output.WriteLine();
            steps = ValidateProfile.Run(directory, displayBase, from, tasks, iterations, output);
        }

        output.WriteLine(Json(count, iterations, warnings, bare, validate, single, ratio, ratioOneThread, (loadBefore, loadAfter), (capacityBefore, capacityAfter), steps));
        return 0;
    }

    /// <summary>
    /// (A) The floor: list the folder as validate does, read every file and load it into YamlDotNet's
    /// representation model, one thread. No positions kept, no checks.
    /// </summary>
    private static DefinitionSet? BareParse(string directory)
    {
        var loaded = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            loaded += stream.Documents.Count;
        }

        return loaded == 0 ? throw new InvalidOperationException("The bare parse found no YAML documents.") : null;
    }

    /// <summary>(B) What <c>scheduler validate</c> does before printing: read the folder ahead on a second thread while parsing on this one, collect the diagnostics.</summary>
    private static DefinitionSet ValidateLikeCli(string directory, string displayBase, DateTimeOffset from)
    {
        var set = DefinitionLoader.Load(TaskFolder.ReadAhead(directory, displayBase), from);

        // ValidateCommand materialises both before writing them; their cost is part of the command.
        _ = set.Diagnostics.ToList();
        _ = set.Tasks.Count();
        return set;
    }

    /// <summary>
    /// (C) The same per-file work on one thread: the loader's sort skipped.
    /// The loader's duplicate-id pass is skipped; there are no duplicates and it is a dictionary lookup per file.
    /// </summary>
    private static DefinitionSet ValidateOneThread(string directory, string displayBase, DateTimeOffset from)
    {
        var files = TaskFolder.Read(directory, displayBase);
        var results = new List<TaskFileResult>(files.Count);
        foreach (var file in files)
        {
            results.Add(TaskReader.Read(file, from));
        }

        var set = new DefinitionSet(results);
        _ = set.Diagnostics.ToList();
        _ = set.Tasks.Count();
        return set;
    }

    /// <summary>
    /// Fails loudly unless every generated file is valid: a benchmark that silently measured error
    /// paths (say, after a format change) would report nonsense. Returns the number of warnings (0 for the bare parse, which has no set).
    /// </summary>
    private static int Check(DefinitionSet? set, int expectedFiles)
    {
        if (set is null)
        {
            return 0;
        }

        var errors = set.Diagnostics.Where(d => d.IsError).ToList();
        if (set.Files.Count != expectedFiles || errors.Count > 0 || set.Tasks.Count() != expectedFiles)
        {
            var sample = string.Join(Environment.NewLine, errors.Take(10).Select(d => $"  {d.File}:{d.Line}:{d.Column}: {d.Code}: {d.Message}"));
            throw new InvalidOperationException(
                $"The generated task files must all be valid, but validate read {set.Files.Count} of {expectedFiles} files with {errors.Count} errors:{Environment.NewLine}{sample}");
        }

        return set.Diagnostics.Count();
    }

    private static string Json(
        int files, int iterations, int warnings, Variant bare, Variant validate, Variant single, double ratio, double ratioOneThread,
        (double? Before, double? After) load, (double Before, double After) capacity, IReadOnlyList<ProfileStep>? steps)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("benchmark", "validate");
            json.WriteNumber("files", files);
            json.WriteNumber("iterations", iterations);
            json.WriteNumber("cores", Machine.Cores);
            json.WriteString("cpu", Machine.CpuModel);
            json.WriteString("dotnet", Machine.Runtime);
            foreach (var (variant, prefix) in new[] { (bare, "bare"), (validate, "validate"), (single, "validate_1thread") })
            {
                json.WriteNumber($"{prefix}_ms", Math.Round(variant.MedianMs, 1));
                json.WriteNumber($"{prefix}_min_ms", Math.Round(variant.MinMs, 1));
                json.WriteNumber($"{prefix}_files_per_s", Math.Round(variant.FilesPerSecond(files)));
                json.WriteNumber($"{prefix}_alloc_mb", Math.Round(variant.AllocatedMb, 1));
            }

            json.WriteNumber("ratio", Math.Round(ratio, 3));
            json.WriteNumber("ratio_1thread", Math.Round(ratioOneThread, 3));
            json.WriteNumber("target_ratio", TargetRatio);
            json.WriteBoolean("target_met", ratio <= TargetRatio);
            json.WriteNumber("warnings", warnings);
            json.WriteNumber("parallel_capacity_before", Math.Round(capacity.Before, 2));
            json.WriteNumber("parallel_capacity_after", Math.Round(capacity.After, 2));
            if (load.Before is { } before && load.After is { } after)
            {
                json.WriteNumber("load_before", before);
                json.WriteNumber("load_after", after);
            }

            if (steps is not null)
            {
                json.WriteStartObject("profile_ms");
                foreach (var step in steps)
                {
                    json.WriteNumber(step.Key, Math.Round(step.Milliseconds, 1));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string F(double value, int decimals) => value.ToString($"F{decimals}", CultureInfo.InvariantCulture);
}
