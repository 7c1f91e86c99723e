using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Notifications;

namespace Scheduler.Definitions.Parsing;

/// <summary>Looks through every value of a task file for webhook URLs and tokens, wherever they were written.</summary>
internal static class SecretScan
{
    public static void Check(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case YamlScalar { IsNull: false } scalar when SecretText.Describe(scalar.Value) is { } what:
                diagnostics.Error(scalar.Start, DiagnosticCodes.SecretInDefinition,
                    $"{(path.Length == 0 ? "the file" : path)}: the value looks like {what}, a secret that must not be committed to git.",
                    SecretText.Hint);
                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Check(sequence.Items[i], Paths.Index(path, i), diagnostics);
                }

                break;
            case YamlMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    Check(value, Paths.Join(path, key.Value), diagnostics);
                }

                break;
        }
    }
}
