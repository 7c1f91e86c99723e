using System.Text;
using System.Text.Json.Nodes;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parsing;
using Scheduler.Definitions.Schema;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Tests.Schema;

/// <summary>
/// Keeps the JSON schema (what editors check as people type) in step with the parser (the truth of the format):
/// what one accepts the other accepts, what one rejects the other rejects, except for the checks a schema
/// cannot express, which are listed here one by one.
/// </summary>
public sealed class TaskSchemaTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly SchemaEvaluator Schema = new(TaskSchema.Json);

    public static TheoryData<string> ScheduleFiles => [.. TaskFolder.List(Path.Combine(RepositoryRoot(), "schedules"))];

    [Theory]
    [MemberData(nameof(ScheduleFiles))]
    public void Every_file_in_the_schedules_folder_is_valid_for_the_parser_and_the_schema(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot(), "schedules", relativePath);
        var bytes = File.ReadAllBytes(path);
        var result = TaskReader.Read(new SourceFile(relativePath, $"schedules/{relativePath}", bytes), From);

        Assert.True(result.Task is not null, Describe(result));
        AssertSchemaAccepts(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void The_schedules_folder_has_examples_to_check()
    {
        Assert.NotEmpty(ScheduleFiles);
    }

    [Theory]
    [MemberData(nameof(ValidTaskCases.Valid), MemberType = typeof(ValidTaskCases))]
    public void A_valid_task_is_accepted_by_the_parser_and_the_schema(string name, string yaml)
    {
        var result = Parse(yaml);

        Assert.True(result.Task is not null, $"{name}: {Describe(result)}");
        AssertSchemaAccepts(yaml);
    }

    [Theory]
    [MemberData(nameof(InvalidTaskCases.Invalid), MemberType = typeof(InvalidTaskCases))]
    public void A_bad_task_is_rejected_by_the_parser_and_the_schema(string name, string yaml, string code)
    {
        var result = Parse(yaml);

        Assert.True(result.Task is null, $"{name}: the parser accepted it");
        Assert.True(result.Diagnostics.Any(d => d.Code == code), $"{name}: expected {code}, got {Describe(result)}");
        Assert.False(Schema.IsValid(YamlToJson.Convert(yaml)), $"{name}: the schema accepted it");
    }

    /// <summary>
    /// What a JSON schema cannot know: whether a cron expression ever fires or its numbers are in range, which
    /// time zones exist, which template variables a run provides, and duration or size limits (a pattern only
    /// sees the syntax). Editors accept these; <c>scheduler validate</c> and CI catch them.
    /// </summary>
    [Theory]
    [MemberData(nameof(InvalidTaskCases.OnlyTheParserRejects), MemberType = typeof(InvalidTaskCases))]
    public void A_mistake_only_the_parser_can_see_passes_the_schema_and_fails_the_parser(string name, string yaml, string code)
    {
        var result = Parse(yaml);

        AssertSchemaAccepts(yaml);
        Assert.True(result.Task is null, $"{name}: the parser accepted it");
        Assert.True(result.Diagnostics.Any(d => d.Code == code), $"{name}: expected {code}, got {Describe(result)}");
    }

    [Fact]
    public void The_schema_in_docs_is_a_byte_identical_copy_of_the_embedded_schema()
    {
        var docs = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "docs", "task.schema.json"));

        Assert.Equal(Encoding.UTF8.GetBytes(TaskSchema.Json), docs);
    }

    [Fact]
    public void The_schema_knows_exactly_the_keys_the_parser_knows()
    {
        var root = JsonNode.Parse(TaskSchema.Json)!;
        var schedule = root["properties"]!["schedule"]!["oneOf"]![1]!;

        AssertKeys(Keys.Task, root);
        AssertKeys(Keys.Schedule, schedule);
        AssertKeys(Keys.Weekly, schedule["properties"]!["weekly"]!);
        AssertKeys(Keys.Retry, root["properties"]!["retry"]!);
        AssertKeys(Keys.Http, root["properties"]!["http"]!);
        AssertKeys(Keys.SqliteBackup, root["properties"]!["sqlite-backup"]!);
        AssertKeys(Keys.Cleanup, root["properties"]!["cleanup"]!);
        AssertKeys(Keys.Notify, root["properties"]!["notify"]!);
        AssertKeys(Keys.Concurrency, root["properties"]!["concurrency"]!);
        AssertKeys(Keys.Webhook, root["properties"]!["notify"]!["properties"]!["webhook"]!);
    }

    [Fact]
    public void Every_property_in_the_schema_has_a_title_a_description_and_examples()
    {
        var missing = new List<string>();
        Walk(JsonNode.Parse(TaskSchema.Json)!, "#", missing);

        Assert.Empty(missing);
    }

    [Fact]
    public void The_defaults_in_the_schema_are_the_parsers_defaults()
    {
        var properties = JsonNode.Parse(TaskSchema.Json)!["properties"]!;

        Assert.True(properties["enabled"]!["default"]!.GetValue<bool>());
        Assert.Equal("latest", properties["catch-up"]!["default"]!.GetValue<string>());
        Assert.Equal(TaskDefinition.DefaultMaxCatchUp, properties["max-catch-up"]!["default"]!.GetValue<int>());
        Assert.Equal("forbid", properties["overlap"]!["default"]!.GetValue<string>());
        Assert.Equal(Durations.Format(TaskDefinition.DefaultTimeout), properties["timeout"]!["default"]!.GetValue<string>());
        Assert.Equal(Durations.Format(TaskDefinition.DefaultKillGrace), properties["kill-grace"]!["default"]!.GetValue<string>());
        Assert.Equal("30s", properties["retry"]!["properties"]!["backoff"]!["default"]!.GetValue<string>());
        Assert.Equal(Durations.Format(HttpHandler.DefaultTimeout), properties["http"]!["properties"]!["timeout"]!["default"]!.GetValue<string>());
        Assert.Equal("GET", properties["http"]!["properties"]!["method"]!["default"]!.GetValue<string>());
        Assert.Equal(SqliteBackupHandler.DefaultKeep, properties["sqlite-backup"]!["properties"]!["keep"]!["default"]!.GetValue<int>());
        Assert.Equal("*", properties["cleanup"]!["properties"]!["pattern"]!["default"]!.GetValue<string>());
        Assert.False(properties["cleanup"]!["properties"]!["dry-run"]!["default"]!.GetValue<bool>());
        Assert.Equal(NotifyDefinition.DefaultStreak, properties["notify"]!["properties"]!["streak"]!["default"]!.GetValue<int>());
        Assert.Equal(NotifyDefinition.DefaultEvents.Select(e => e.ToString().ToLowerInvariant()), properties["notify"]!["properties"]!["on"]!["default"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("UTC", properties["schedule"]!["oneOf"]![1]!["properties"]!["timezone"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public void The_yaml_converter_reads_plain_scalars_as_yaml_1_2_does()
    {
        var json = YamlToJson.Convert("a: 5\nb: \"5\"\nc: yes\nd: true\ne: ~\nf: 02:30\ng: 1.5\nh: 'true'\ni: -7\n")!;

        Assert.Equal("""{"a":5,"b":"5","c":"yes","d":true,"e":null,"f":"02:30","g":1.5,"h":"true","i":-7}""", json.ToJsonString());
    }

    private static void AssertSchemaAccepts(string yaml)
    {
        var errors = Schema.Errors(YamlToJson.Convert(yaml)).ToList();
        Assert.True(errors.Count == 0, "The schema rejected it:\n" + string.Join("\n", errors));
    }

    private static void AssertKeys(IEnumerable<string> parserKeys, JsonNode schema)
    {
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(parserKeys.Order(StringComparer.Ordinal), schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static void Walk(JsonNode node, string at, List<string> missing)
    {
        if (node is JsonObject obj)
        {
            if (obj["properties"] is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    foreach (var annotation in new[] { "title", "description", "examples" })
                    {
                        if (property is JsonObject p && !p.ContainsKey(annotation))
                        {
                            missing.Add($"{at}/properties/{name}: {annotation}");
                        }
                    }
                }
            }

            foreach (var (key, child) in obj)
            {
                if (child is not null)
                {
                    Walk(child, $"{at}/{key}", missing);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } child)
                {
                    Walk(child, $"{at}/{i}", missing);
                }
            }
        }
    }

    private static TaskFileResult Parse(string yaml) =>
        TaskReader.Read(new SourceFile("demo.yaml", "schedules/demo.yaml", Encoding.UTF8.GetBytes(yaml)), From);

    private static string Describe(TaskFileResult result) =>
        string.Join("\n", result.Diagnostics.Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Scheduler.sln.");
    }
}
