using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scheduler.Definitions.Tests.Schema;

/// <summary>
/// A small JSON Schema (draft 2020-12) evaluator for the keywords the task schema uses. JsonSchema.Net cannot
/// be restored here (its dependency JsonPointer.Net is missing from the package source), so the test carries
/// its own. It refuses any keyword it does not implement, so the schema cannot grow a rule that goes unchecked.
/// </summary>
internal sealed class SchemaEvaluator
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "markdownDescription", "default", "examples", "deprecated",
    };

    private static readonly HashSet<string> Assertions = new(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "properties",
        "additionalProperties", "required", "propertyNames", "items", "prefixItems", "minItems", "maxItems",
        "oneOf", "anyOf", "allOf", "not",
    };

    private readonly JsonObject _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public SchemaEvaluator(string schemaJson)
    {
        _root = JsonNode.Parse(schemaJson)?.AsObject() ?? throw new ArgumentException("The schema is not a JSON object.", nameof(schemaJson));
        CheckKeywords(_root, "#");
    }

    /// <summary>What is wrong with <paramref name="instance"/>, one line per problem; empty when it is valid.</summary>
    public IEnumerable<string> Errors(JsonNode? instance)
    {
        var errors = new List<string>();
        Evaluate(_root, instance, "", errors);
        return errors;
    }

    public bool IsValid(JsonNode? instance) => !Errors(instance).Any();

    private void CheckKeywords(JsonNode? schema, string at)
    {
        if (schema is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema is not JsonObject obj)
        {
            throw new NotSupportedException($"{at}: a schema must be an object or a boolean.");
        }

        foreach (var (keyword, child) in obj)
        {
            if (!Annotations.Contains(keyword) && !Assertions.Contains(keyword))
            {
                throw new NotSupportedException($"{at}: the keyword '{keyword}' is not implemented by this evaluator.");
            }

            switch (keyword)
            {
                case "properties" or "$defs":
                    foreach (var (name, sub) in child!.AsObject())
                    {
                        CheckKeywords(sub, $"{at}/{keyword}/{name}");
                    }

                    break;
                case "additionalProperties" or "propertyNames" or "items" or "not":
                    CheckKeywords(child, $"{at}/{keyword}");
                    break;
                case "oneOf" or "anyOf" or "allOf" or "prefixItems":
                    var i = 0;
                    foreach (var sub in child!.AsArray())
                    {
                        CheckKeywords(sub, $"{at}/{keyword}/{i++}");
                    }

                    break;
                case "pattern":
                    Pattern(child!.GetValue<string>());
                    break;
            }
        }
    }

    private bool Evaluate(JsonNode? schema, JsonNode? instance, string path, List<string> errors)
    {
        if (schema is JsonValue boolean)
        {
            if (!boolean.GetValue<bool>())
            {
                errors.Add($"{Show(path)}: not allowed here");
            }

            return boolean.GetValue<bool>();
        }

        var before = errors.Count;
        foreach (var (keyword, argument) in schema!.AsObject())
        {
            switch (keyword)
            {
                case "$ref":
                    Evaluate(Resolve(argument!.GetValue<string>()), instance, path, errors);
                    break;
                case "type":
                    var types = argument is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [argument!.GetValue<string>()];
                    if (!types.Any(t => JsonInstance.HasType(instance, t)))
                    {
                        errors.Add($"{Show(path)}: expected {string.Join(" or ", types)}, found {JsonInstance.Kind(instance)}");
                    }

                    break;
                case "enum":
                    if (!argument!.AsArray().Any(option => JsonNode.DeepEquals(option, instance)))
                    {
                        errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} is not one of {argument.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(argument, instance))
                    {
                        errors.Add($"{Show(path)}: expected {argument?.ToJsonString()}, found {JsonInstance.Display(instance)}");
                    }

                    break;
                case "pattern":
                    if (JsonInstance.Text(instance) is { } text && !Pattern(argument!.GetValue<string>()).IsMatch(text))
                    {
                        errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} does not match the pattern");
                    }

                    break;
                case "minLength" or "maxLength":
                    if (JsonInstance.Text(instance) is { } measured)
                    {
                        var length = new StringInfo(measured).LengthInTextElements;
                        var limit = argument!.GetValue<int>();
                        if (keyword == "minLength" ? length < limit : length > limit)
                        {
                            errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} violates {keyword} {limit}");
                        }
                    }

                    break;
                case "minimum" or "maximum":
                    if (JsonInstance.Number(instance) is { } number)
                    {
                        var bound = argument!.GetValue<double>();
                        if (keyword == "minimum" ? number < bound : number > bound)
                        {
                            errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} violates {keyword} {bound.ToString(CultureInfo.InvariantCulture)}");
                        }
                    }

                    break;
                case "required":
                    if (instance is JsonObject required)
                    {
                        foreach (var name in argument!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !required.ContainsKey(n)))
                        {
                            errors.Add($"{Show(path)}: '{name}' is required");
                        }
                    }

                    break;
                case "properties":
                    if (instance is JsonObject withProperties)
                    {
                        foreach (var (name, sub) in argument!.AsObject())
                        {
                            if (withProperties.TryGetPropertyValue(name, out var value))
                            {
                                Evaluate(sub, value, $"{path}/{name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance is JsonObject withAdditional)
                    {
                        var known = schema.AsObject()["properties"]?.AsObject();
                        foreach (var (name, value) in withAdditional.Where(p => known is null || !known.ContainsKey(p.Key)))
                        {
                            if (!Evaluate(argument, value, $"{path}/{name}", []))
                            {
                                errors.Add($"{Show(path)}: '{name}' is not allowed here");
                                Evaluate(argument, value, $"{path}/{name}", errors);
                            }
                        }
                    }

                    break;
                case "propertyNames":
                    if (instance is JsonObject named)
                    {
                        foreach (var (name, _) in named)
                        {
                            Evaluate(argument, JsonValue.Create(name), $"{path}/{name} (name)", errors);
                        }
                    }

                    break;
                case "prefixItems" or "items":
                    if (instance is JsonArray array)
                    {
                        var prefix = schema.AsObject()["prefixItems"]?.AsArray().Count ?? 0;
                        for (var i = 0; i < array.Count; i++)
                        {
                            if (keyword == "prefixItems" && i < prefix)
                            {
                                Evaluate(argument!.AsArray()[i], array[i], $"{path}/{i}", errors);
                            }
                            else if (keyword == "items" && i >= prefix)
                            {
                                Evaluate(argument, array[i], $"{path}/{i}", errors);
                            }
                        }
                    }

                    break;
                case "minItems" or "maxItems":
                    if (instance is JsonArray counted)
                    {
                        var limit = argument!.GetValue<int>();
                        if (keyword == "minItems" ? counted.Count < limit : counted.Count > limit)
                        {
                            errors.Add($"{Show(path)}: the list has {counted.Count} items, {keyword} is {limit}");
                        }
                    }

                    break;
                case "allOf":
                    foreach (var sub in argument!.AsArray())
                    {
                        Evaluate(sub, instance, path, errors);
                    }

                    break;
                case "anyOf":
                    if (!argument!.AsArray().Any(sub => Evaluate(sub, instance, path, [])))
                    {
                        errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} matches none of the allowed forms");
                    }

                    break;
                case "oneOf":
                    var matches = argument!.AsArray().Count(sub => Evaluate(sub, instance, path, []));
                    if (matches != 1)
                    {
                        errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} matches {matches} of the forms, exactly one is needed");
                    }

                    break;
                case "not":
                    if (Evaluate(argument, instance, path, []))
                    {
                        errors.Add($"{Show(path)}: {JsonInstance.Display(instance)} is a form that is not allowed");
                    }

                    break;
            }
        }

        return errors.Count == before;
    }

    private JsonNode Resolve(string reference)
    {
        const string Prefix = "#/$defs/";
        return reference.StartsWith(Prefix, StringComparison.Ordinal) && _root["$defs"]?[reference[Prefix.Length..]] is { } target
            ? target
            : throw new NotSupportedException($"The reference '{reference}' cannot be resolved (only #/$defs/NAME is supported).");
    }

    /// <summary>ECMA-262 semantics where they differ from .NET's: a final '$' matches only at the very end, not before a final newline.</summary>
    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            var dotnet = pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? pattern[..^1] + "\\z" : pattern;
            regex = new Regex(dotnet, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
            _patterns[pattern] = regex;
        }

        return regex;
    }


    private static string Show(string path) => path.Length == 0 ? "(root)" : path;
}
