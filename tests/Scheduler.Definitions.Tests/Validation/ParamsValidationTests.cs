using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary><c>params:</c>: types, defaults, choices and patterns are checked where they are written, with the value and the fix.</summary>
public sealed class ParamsValidationTests
{
    // The parameter's own lines start on line 4, indented four spaces; a default's value starts at column 14.
    private const string Head = "schedule: { manual: true }\nparams:\n  p:\n";

    public static TheoryData<string, string, int, int, string> BadParameters => new()
    {
        { "    type: int\n    default: abc\n", DiagnosticCodes.InvalidValue, 5, 14, "params.p.default: 'abc' is not a whole number" },
        { "    type: choice\n    choices: [a, b]\n    default: c\n", DiagnosticCodes.InvalidValue, 6, 14, "'c' is not one of the choices a, b" },
        { "    pattern: '[a-z]+'\n    default: ABC\n", DiagnosticCodes.InvalidValue, 5, 14, "'ABC' does not match the pattern '[a-z]+'" },
        { "    pattern: '[a-'\n", DiagnosticCodes.InvalidValue, 4, 14, "params.p.pattern: '[a-' is not a valid regular expression" },
        { "    type: int\n    choices: [a]\n", DiagnosticCodes.InvalidValue, 5, 5, "only a parameter of type choice has choices, and this one is int" },
        { "    type: choice\n", DiagnosticCodes.MissingRequired, 4, 5, "a choice parameter needs 'choices'" },
        { "    type: choice\n    choices: [a, a]\n", DiagnosticCodes.InvalidValue, 5, 18, "'a' is listed twice" },
        { "    type: bool\n    pattern: x\n", DiagnosticCodes.InvalidValue, 5, 5, "only a parameter of type string has a pattern" },
        { "    type: date\n    default: 2026-13-01\n", DiagnosticCodes.InvalidValue, 5, 14, "'2026-13-01' is not a date" },
        { "    type: duration\n    default: 5x\n", DiagnosticCodes.InvalidValue, 5, 14, "'5x' is not a duration" },
        { "    type: number\n    default: 1,5\n", DiagnosticCodes.InvalidValue, 5, 14, "'1,5' is not a number" },
        { "    type: bool\n    default: yes\n", DiagnosticCodes.InvalidValue, 5, 14, "'yes' is not true or false" },
        { "    type: datetime\n", DiagnosticCodes.InvalidChoice, 4, 11, "params.p.type: 'datetime' is not one of string, int, number, bool, choice, duration, date" },
        { "    min: 1\n", DiagnosticCodes.UnknownKey, 4, 5, "params.p.min: 'min' is not a known key in 'params.p'" },
        { "    required: maybe\n", DiagnosticCodes.WrongType, 4, 15, "params.p.required: expected true or false" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void A_bad_parameter_is_reported_where_it_is_written_with_the_value(string lines, string code, int line, int column, string message)
    {
        var result = TaskText.Read($"{Head}{lines}shell: echo hi\n");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((code, line, column), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(result.Task);
    }

    [Theory]
    [InlineData("  Day: { type: date }\n", 3, 3, "params.Day: 'Day' is not a valid parameter name", "e.g. 'day'")]
    [InlineData("  2nd: { type: date }\n", 3, 3, "'2nd' is not a valid parameter name", "e.g. 'p2nd'")]
    [InlineData("  a-b: { type: int, default: 1 }\n  a_b: { type: int, default: 2 }\n", 4, 3, "'a_b' and 'a-b' would both be the environment variable SCHEDULER_PARAM_A_B", "Rename one")]
    [InlineData("  day: date\n", 3, 8, "params.day: expected a mapping (key: value lines), found 'date'", "`day: { type: string, default: \"...\" }`")]
    public void Names_must_be_lowercase_distinct_and_each_a_mapping(string lines, int line, int column, string message, string fix)
    {
        var diagnostic = Assert.Single(TaskText.Read($"schedule: {{ manual: true }}\nparams:\n{lines}shell: echo hi\n").Diagnostics, d => d.IsError);

        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(fix, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_parameter_without_a_default_is_refused_on_a_scheduled_task_with_the_two_fixes()
    {
        var diagnostic = Assert.Single(
            TaskText.Read("schedule: \"0 2 * * *\"\nparams:\n  day:\n    type: date\n    required: true\nshell: echo hi\n").Diagnostics, d => d.IsError);

        Assert.Equal((DiagnosticCodes.InvalidValue, 5, 5), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains("a required parameter without a default is only allowed on a manual task", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("schedule: { manual: true }", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule: \"0 2 * * *\"\nparams:\n  day: { type: date, required: true, default: 2026-01-01 }\nshell: echo hi\n")]
    [InlineData("schedule: { manual: true }\nparams:\n  day: { type: date, required: true }\nshell: echo hi\n")]
    public void A_required_parameter_is_fine_with_a_default_or_on_a_manual_task(string yaml)
    {
        var result = TaskText.Read(yaml);

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.True(Assert.Single(Assert.IsType<TaskDefinition>(result.Task).Parameters).Required);
    }

    [Fact]
    public void Parameters_are_read_in_file_order_with_canonical_defaults()
    {
        var task = TaskText.Read("""
            schedule: "0 2 * * *"
            params:
              env: { type: choice, choices: [staging, production], default: staging, description: Where }
              count: { type: int, default: 007 }
              wait: { type: duration, default: 90m }
              ratio: { type: number, default: 0.50 }
              dry-run: { type: bool, default: True }
              tag: { pattern: 'v[0-9]+', default: v2 }
              note: {}
            shell: echo hi
            """).Task;

        var parameters = Assert.IsType<TaskDefinition>(task).Parameters;
        Assert.Equal(
            [("env", ParameterType.Choice, "staging"), ("count", ParameterType.Int, "7"), ("wait", ParameterType.Duration, "1h30m"),
             ("ratio", ParameterType.Number, "0.5"), ("dry-run", ParameterType.Bool, "true"), ("tag", ParameterType.String, "v2"),
             ("note", ParameterType.String, null)],
            parameters.Select(p => (p.Name, p.Type, p.Default)));
        Assert.Equal(["staging", "production"], parameters[0].Choices);
        Assert.Equal("Where", parameters[0].Description);
        Assert.Equal("SCHEDULER_PARAM_DRY_RUN", parameters[4].VariableName);
    }

    [Theory]
    [InlineData("command: [echo, \"{{ params.dya }}\"]\n", 4, 21, "the template reads 'params.dya', but the task declares no parameter 'dya'", "use one of params.day")]
    [InlineData("shell: echo {{ params[\"da-y\"] }}\n", 4, 16, "the template reads 'params.da-y'", "use one of params.day")]
    [InlineData("http: { url: \"https://example.com/{{ params.x }}\" }\n", 4, 38, "declares no parameter 'x'", "params.day")]
    public void A_template_reading_an_undeclared_parameter_is_an_error_at_the_reference(string handler, int line, int column, string message, string fix)
    {
        var diagnostic = Assert.Single(
            TaskText.Read($"schedule: {{ manual: true }}\nparams:\n  day: {{ type: date }}\n{handler}").Diagnostics, d => d.IsError);

        Assert.Equal((DiagnosticCodes.UnknownTemplateVariable, line, column), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(fix, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_reading_a_parameter_of_a_task_without_params_says_how_to_declare_it()
    {
        var diagnostic = Assert.Single(TaskText.Read("schedule: \"0 2 * * *\"\nshell: echo {{ params.day }}\n").Diagnostics, d => d.IsError);

        Assert.Equal((2, 16), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("Declare it under params:", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_parameters_may_be_read_by_dot_and_by_key()
    {
        var result = TaskText.Read(
            "schedule: { manual: true }\nparams:\n  day: { type: date }\n  dry-run: { type: bool, default: false }\nshell: echo {{ params.day }} {{ params[\"dry-run\"] }}\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }
}
