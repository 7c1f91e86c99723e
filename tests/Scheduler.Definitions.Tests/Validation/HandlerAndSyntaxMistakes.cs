using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>Mistakes in templates, handlers, the environment, retries and the YAML itself. Each case: a name, a file, the one diagnostic it must produce, its 1-based line and column (pointing at the value), and a piece of the message that shows the value.</summary>
public static class HandlerAndSyntaxMistakes
{
    public static TheoryData<string, string, string, int, int, string> Cases => new()
    {
        {
            "unknown template variable",
            """
            schedule: "0 * * * *"
            command: ["echo", "slot {{ run.slots }}"]
            """,
            DiagnosticCodes.UnknownTemplateVariable, 2, 28, "command[1]: the template variable 'run.slots' does not exist."
        },
        {
            "unknown template root",
            """
            schedule: "0 * * * *"
            shell: echo {{ job.id }}
            """,
            DiagnosticCodes.UnknownTemplateVariable, 2, 16, "shell: the template variable 'job' does not exist."
        },
        {
            "template left open",
            """
            schedule: "0 * * * *"
            http: { url: "https://example.com/{{ run.slot" }
            """,
            DiagnosticCodes.TemplateSyntax, 2, 35, "http.url: 'https://example.com/{{ run.slot' is not a valid template: the '{{' is never closed"
        },
        {
            "command as a string",
            """
            schedule: "0 * * * *"
            command: echo hello
            """,
            DiagnosticCodes.WrongType, 2, 10, "command: expected a list of arguments, found 'echo hello'."
        },
        {
            "empty command",
            """
            schedule: "0 * * * *"
            command: []
            """,
            DiagnosticCodes.InvalidValue, 2, 10, "command: the list is empty."
        },
        {
            "http without url",
            """
            schedule: "0 * * * *"
            http: { method: GET }
            """,
            DiagnosticCodes.MissingRequired, 2, 7, "http: 'url' is missing."
        },
        {
            "relative http url",
            """
            schedule: "0 * * * *"
            http: { url: /healthz }
            """,
            DiagnosticCodes.InvalidValue, 2, 14, "http.url: '/healthz' is not an absolute http or https URL."
        },
        {
            "status out of range",
            """
            schedule: "0 * * * *"
            http: { url: "https://example.com", expect-status: [200, 999] }
            """,
            DiagnosticCodes.OutOfRange, 2, 58, "http.expect-status[1]: 999 is out of range."
        },
        {
            "cleanup without a rule",
            """
            schedule: "0 * * * *"
            cleanup:
              path: ./data/logs
            """,
            DiagnosticCodes.MissingRequired, 3, 3, "cleanup: no rule says which files to delete."
        },
        {
            "cleanup of the root",
            """
            schedule: "0 * * * *"
            cleanup: { path: /, older-than: 1d }
            """,
            DiagnosticCodes.InvalidValue, 2, 18, "cleanup.path: '/' is the root of a file system."
        },
        {
            "env name with a dash",
            """
            schedule: "0 * * * *"
            env:
              MY-VAR: x
            shell: "true"
            """,
            DiagnosticCodes.InvalidValue, 3, 3, "env.MY-VAR: 'MY-VAR' is not a valid environment variable name."
        },
        {
            "env name reserved by the scheduler",
            """
            schedule: "0 * * * *"
            env: { SCHEDULER_SLOT: x }
            shell: "true"
            """,
            DiagnosticCodes.InvalidValue, 2, 8, "env.SCHEDULER_SLOT: names starting with SCHEDULER_ are set by the scheduler"
        },
        {
            "retry without attempts",
            """
            schedule: "0 * * * *"
            retry: { backoff: 10s }
            shell: "true"
            """,
            DiagnosticCodes.MissingRequired, 2, 8, "retry: 'attempts' is missing."
        },
        {
            "template that does not parse",
            """
            schedule: "0 * * * *"
            shell: echo {{ run.slot + }}
            """,
            DiagnosticCodes.TemplateSyntax, 2, 27, "shell: 'echo {{ run.slot + }}' is not a valid template: Error while parsing binary expression"
        },
        {
            "a list at the top",
            """
            - schedule: "0 * * * *"
            """,
            DiagnosticCodes.NotAMapping, 1, 1, "A task file must be a mapping of keys, but this one is a list."
        },
        {
            "broken indentation",
            """
            schedule:
              cron: "0 * * * *"
             timezone: UTC
            shell: "true"
            """,
            DiagnosticCodes.YamlSyntax, 3, 2, "This is not valid YAML"
        },
        {
            "an unclosed quote",
            """
            schedule: "0 * * * *
            shell: "true"
            """,
            DiagnosticCodes.YamlSyntax, 1, 11, "This is not valid YAML"
        },
        {
            "two documents",
            """
            schedule: "0 * * * *"
            shell: "true"
            ---
            schedule: "5 * * * *"
            """,
            DiagnosticCodes.MultipleDocuments, 3, 1, "a second one starts here"
        },
        {
            "empty file",
            "",
            DiagnosticCodes.EmptyFile, 1, 1, "The file is empty"
        },
        {
            "only comments",
            """
            # schedule: "0 * * * *"
            # shell: "true"
            """,
            DiagnosticCodes.EmptyFile, 1, 1, "The file is empty"
        },
    };
}
