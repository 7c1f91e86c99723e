using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;

namespace Scheduler.Definitions.Tests.Validation;

public sealed class DefinitionLoaderTests
{
    private const string Valid = "schedule: \"0 * * * *\"\nshell: \"true\"\n";

    [Fact]
    public void One_bad_file_never_hides_the_good_ones_or_the_other_bad_ones()
    {
        var set = DefinitionLoader.Load(
        [
            TaskText.File(Valid, "a.yaml"),
            TaskText.File("schedule: \"61 * * * *\"\nshell: x\n", "b.yaml"),
            TaskText.File(Valid, "c/d.yaml"),
            TaskText.File("{{{{", "e.yml"),
        ], TaskText.From);

        Assert.Equal(["a", "c/d"], set.Tasks.Select(t => t.Id));
        Assert.Equal(["schedules/b.yaml", "schedules/e.yml"], set.Diagnostics.Select(d => d.File));
        Assert.True(set.HasErrors);
    }

    [Fact]
    public void A_yaml_file_beside_a_yml_file_of_the_same_name_is_a_duplicate_id_in_both()
    {
        var set = DefinitionLoader.Load([TaskText.File(Valid, "x.yaml"), TaskText.File(Valid, "x.yml"), TaskText.File(Valid, "y.yaml")], TaskText.From);

        Assert.Equal(["y"], set.Tasks.Select(t => t.Id));
        var duplicates = set.Diagnostics.Where(d => d.Code == DiagnosticCodes.DuplicateTaskId).ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.Contains("also defined by 'schedules/x.yml'", duplicates[0].Message, StringComparison.Ordinal);
        Assert.Contains("also defined by 'schedules/x.yaml'", duplicates[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Backups/Nightly DB.yaml", "backups/nightly-db.yaml")]
    [InlineData("reports/Q1.yml", "reports/q1.yml")]
    [InlineData("a.b.yaml", "a-b.yaml")]
    public void A_file_name_that_is_not_a_valid_id_is_reported_with_the_name_to_use(string path, string suggestion)
    {
        var diagnostic = Assert.Single(TaskText.Read(Valid, path).Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidTaskId, diagnostic.Code);
        Assert.Equal($"Rename the file to '{suggestion}'.", diagnostic.Hint);
    }

    [Theory]
    [InlineData("backups/nightly-db.yaml", "backups/nightly-db")]
    [InlineData("a_b/c-1.yml", "a_b/c-1")]
    public void The_id_is_the_path_without_extension(string path, string id) =>
        Assert.Equal(id, TaskText.Read(Valid, path).Task!.Id);

    [Fact]
    public void A_folder_is_read_recursively_ignoring_dot_files_dot_folders_and_other_extensions()
    {
        var root = Directory.CreateTempSubdirectory("scheduler-folder-").FullName;
        try
        {
            Write(root, "a.yaml", Valid);
            Write(root, "sub/b.yml", Valid);
            Write(root, ".hidden.yaml", "junk: [");
            Write(root, ".github/workflow.yaml", "junk: [");
            Write(root, "notes.txt", "not a task");
            Write(root, "sub/c.yaml.bak", "junk: [");

            var files = TaskFolder.Read(root, root);

            Assert.Equal(["a.yaml", "sub/b.yml"], files.Select(f => f.RelativePath));
            Assert.Empty(DefinitionLoader.Load(files, TaskText.From).Diagnostics);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_missing_folder_is_an_error_of_the_caller_not_a_diagnostic() =>
        Assert.Throws<DirectoryNotFoundException>(() => TaskFolder.Read("/nonexistent/schedules", "/"));

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
