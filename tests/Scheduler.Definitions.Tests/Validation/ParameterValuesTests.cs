using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parameters;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>The shared check of run-time values (<c>--param NAME=VALUE</c> now, the API later) against declared params.</summary>
public sealed class ParameterValuesTests
{
    private static readonly TaskParameter[] Declared =
    [
        new("env", ParameterType.Choice, "staging", ["staging", "production"], false, null, null),
        new("day", ParameterType.Date, null, [], true, null, null),
        new("count", ParameterType.Int, "3", [], false, null, null),
        new("note", ParameterType.String, null, [], false, null, null),
    ];

    [Fact]
    public void Given_values_are_converted_and_the_rest_take_their_defaults()
    {
        var set = ParameterValues.Resolve(Declared, ["day=2026-12-07", "count=+12", "note=a=b"]);

        Assert.Empty(set.Errors);
        Assert.Equal(
            new Dictionary<string, string> { ["env"] = "staging", ["day"] = "2026-12-07", ["count"] = "12", ["note"] = "a=b" },
            set.Values);
    }

    [Fact]
    public void Every_bad_value_is_reported_by_its_parameters_name_with_the_reason()
    {
        var set = ParameterValues.Resolve(Declared, ["env=Production", "count=many", "colour=red", "oops", "note=x", "note=y"]);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["env"] = "'Production' is not one of the choices staging, production: did you mean 'production'?",
                ["count"] = "'many' is not a whole number: write e.g. 42 or -3.",
                ["colour"] = "is not a parameter of this task: its parameters are env, day, count, note.",
                ["oops"] = "'oops' is not NAME=VALUE: write e.g. env=staging.",
                ["note"] = "is given twice: give each parameter once.",
                ["day"] = "is required and has no default: give it a value (date).",
            },
            set.Errors);
        Assert.False(set.IsValid);
    }

    [Fact]
    public void A_task_without_params_refuses_any_value()
    {
        var set = ParameterValues.Resolve([], new Dictionary<string, string> { ["x"] = "1" });

        Assert.Equal("is not a parameter: this task declares no params.", set.Errors["x"]);
    }

    [Fact]
    public void The_defaults_leave_out_a_parameter_without_one()
    {
        var set = ParameterValues.Defaults([Declared[0], Declared[2], Declared[3]]);

        Assert.True(set.IsValid);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "staging", ["count"] = "3" }, set.Values);
    }

    [Fact]
    public void A_pattern_that_backtracks_too_long_is_refused_instead_of_hanging_the_run()
    {
        var parameter = new TaskParameter("p", ParameterType.String, null, [], false, null, "(a+)+b");

        var ok = ParameterValues.TryConvert(parameter, new string('a', 40) + "c", out _, out var error);

        Assert.False(ok);
        Assert.Contains("took longer than 200ms", error, StringComparison.Ordinal);
    }
}
