using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Notifications;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Looks through every value of a task file for committed secrets (webhook URLs, tokens, keys, passwords), wherever
/// they were written. The message says what the value looks like, never the value: CI logs are read widely too.
/// </summary>
internal static class SecretScan
{
    public static void Check(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case YamlScalar { IsNull: false } scalar when SecretText.Describe(scalar.Value) is { } what:
                Report(diagnostics, scalar, path, what, SecretText.Hint);
                break;
            case YamlScalar { IsNull: false } scalar when (CredentialText.Describe(scalar.Value) ?? CredentialText.DescribeField(path, scalar.Value)) is { } what:
                Report(diagnostics, scalar, path, what, CredentialText.Hint);
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

    private static void Report(DiagnosticBag diagnostics, YamlScalar scalar, string path, string what, string hint) =>
        diagnostics.Error(scalar.Start, DiagnosticCodes.SecretInDefinition,
            $"{(path.Length == 0 ? "the file" : path)}: the value looks like {what}, a secret that must not be committed to git.", hint);
}
