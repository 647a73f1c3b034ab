using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Plan;

/// <summary>
/// The plan as stable JSON: every object's keys in ordinal order, lists in plan order (already sorted by name),
/// doubles always with a decimal point so they read back as doubles. Deferred values are one-key objects:
/// <c>{"$ref": {"resource", "output"}}</c>, <c>{"$secret": …}</c>, <c>{"$config": key}</c>, <c>{"$invoke": {…}}</c>.
/// </summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(StackPlan plan) => ToJson(plan).ToJsonString(Indented) + "\n";

    public static JsonObject ToJson(StackPlan plan)
    {
        var json = Unsorted(plan);
        if (plan.StackReferences.Length > 0)
        {
            json["stackReferences"] = new JsonArray([.. plan.StackReferences.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["stack"] = s.Stack })]);
        }
        if (plan.Retired.Length > 0)
        {
            json["retired"] = new JsonArray([.. plan.Retired.Select(r => (JsonNode)new JsonObject { ["reason"] = r.Reason, ["urn"] = r.Urn })]);
        }
        return (JsonObject)Sorted(json)!;
    }

    private static JsonObject Unsorted(StackPlan plan) => new()
    {
        ["stack"] = plan.Stack,
        ["territory"] = plan.Territory,
        ["season"] = plan.Season,
        ["providers"] = new JsonArray([.. plan.Providers.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["package"] = p.Package,
            ["version"] = p.Version,
            ["inputs"] = Value(p.Inputs),
        })]),
        ["components"] = new JsonArray([.. plan.Components.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["parent"] = c.Parent,
        })]),
        ["resources"] = new JsonArray([.. plan.Resources.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["type"] = r.Type,
            ["inputs"] = Value(r.Inputs),
            ["options"] = Options(r.Options),
        })]),
        ["drMatrix"] = new JsonArray([.. plan.DrMatrix.Select(Row)]),
        ["outputs"] = Value(plan.Outputs),
    };

    public static JsonNode? Value(PlanValue value) => value switch
    {
        PlanString s => JsonValue.Create(s.Value),
        PlanInt i => JsonValue.Create(i.Value),
        PlanDouble d => JsonNode.Parse(FormatDouble(d.Value)),
        PlanBool b => JsonValue.Create(b.Value),
        PlanList l => new JsonArray([.. l.Items.Select(Value)]),
        PlanMap m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key, Value(e.Value)))),
        PlanRef r => new JsonObject { ["$ref"] = new JsonObject { ["resource"] = r.Resource, ["output"] = r.Output } },
        PlanSecret s => new JsonObject { ["$secret"] = Value(s.Value) },
        PlanConfigSecret c => new JsonObject { ["$config"] = c.Key },
        PlanInvoke i => new JsonObject
        {
            ["$invoke"] = new JsonObject
            {
                ["token"] = i.Token,
                ["provider"] = i.Provider,
                ["args"] = Value(i.Args),
                ["result"] = i.ResultPath,
                ["base64Decode"] = i.Base64Decode,
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name),
    };

    /// <summary>
    /// A plan from its JSON. Anything that is not the shape <see cref="Serialize"/> writes (a missing or null member, a
    /// number beyond its type) is a <see cref="JsonException"/> naming what is wrong, never a null dereference.
    /// </summary>
    public static StackPlan Deserialize(string json)
    {
        var o = Object(JsonNode.Parse(json), "the plan");
        return PlanIntegrity.Check(new StackPlan(
            Text(o["stack"]),
            Text(o["territory"]),
            Text(o["season"]),
            [.. Array(o["providers"], "providers").Select(n => Object(n, "a provider")).Select(p => new PlannedProvider(Text(p["package"]), Text(p["name"]), Map(p["inputs"], "a provider's inputs")))],
            [.. Array(o["components"], "components").Select(n => Object(n, "a component")).Select(c => new PlannedComponent(Text(c["type"]), Text(c["name"]), (string?)c["parent"]))],
            [.. Array(o["resources"], "resources").Select(n => Object(n, "a resource")).Select(r => new PlannedResource(
                TypeToken(r["type"]), Text(r["name"]), Map(r["inputs"], "a resource's inputs"), ReadOptions(Object(r["options"], "a resource's options"))))],
            [.. Array(o["drMatrix"], "drMatrix").Select(ReadRow)],
            Map(o["outputs"], "outputs"))
        {
            StackReferences = [.. (o["stackReferences"] is null ? [] : Array(o["stackReferences"], "stackReferences")).Select(n => Object(n, "a stack reference")).Select(s => new PlannedStackReference(Text(s["name"]), Text(s["stack"])))],
            Retired = [.. (o["retired"] as JsonArray ?? []).Select(n => Object(n, "a retired resource")).Select(r => new RetiredResource(Text(r["urn"]), Text(r["reason"])))],
        });
    }

    /// <summary>A resource type is a Pulumi type token, package:module:Type (its package names the provider).</summary>
    private static string TypeToken(JsonNode? node)
    {
        var type = Text(node);
        var parts = type.Split(':');
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? type
            : throw new JsonException($"a resource's type '{type}' is not a type token package:module:Type");
    }

    private static JsonObject Object(JsonNode? node, string what) => node as JsonObject ?? throw new JsonException($"{what} is not a JSON object");

    private static JsonArray Array(JsonNode? node, string what) => node as JsonArray ?? throw new JsonException($"{what} is not a JSON list");

    private static PlanMap Map(JsonNode? node, string what) =>
        (node is null ? null : ReadValue(node)) as PlanMap ?? throw new JsonException($"{what} is not a map of plan values");

    public static PlanValue ReadValue(JsonNode node)
    {
        switch (node)
        {
            case JsonArray a:
                return new PlanList([.. a.Select(n => ReadValue(n ?? throw new JsonException("null in a plan list")))]);
            case JsonObject o when o.Count == 1 && o.First().Key.StartsWith('$'):
                var (key, inner) = o.First();
                return key switch
                {
                    "$ref" => new PlanRef(Text(Object(inner, "$ref")["resource"]), Text(inner!["output"])),
                    "$secret" => new PlanSecret(ReadValue(inner ?? throw new JsonException("$secret of null"))),
                    "$config" => new PlanConfigSecret(Text(inner)),
                    "$invoke" => new PlanInvoke(Text(Object(inner, "$invoke")["token"]), Text(inner!["provider"]), Map(inner["args"], "$invoke args"), Text(inner["result"]),
                        inner["base64Decode"] is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? b.GetValue<bool>() : throw new JsonException("$invoke base64Decode is not true or false")),
                    _ => throw new JsonException($"unknown plan value kind '{key}'"),
                };
            case JsonObject o:
                return new PlanMap(o.ToImmutableSortedDictionary(e => e.Key, e => ReadValue(e.Value ?? throw new JsonException($"'{e.Key}' is null")), StringComparer.Ordinal));
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return new PlanString(v.GetValue<string>());
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return new PlanBool(v.GetValue<bool>());
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var raw = v.ToJsonString();
                return raw.Contains('.', StringComparison.Ordinal) || raw.Contains('E', StringComparison.OrdinalIgnoreCase)
                    ? double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? new PlanDouble(d) : throw new JsonException($"the number {raw} is out of range")
                    : int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? new PlanInt(i) : throw new JsonException($"the number {raw} is not a 32-bit whole number");
            default:
                throw new JsonException($"unsupported plan value {node.ToJsonString()}");
        }
    }

    private static JsonObject Options(PlanOptions o)
    {
        var json = new JsonObject { ["parent"] = o.Parent, ["provider"] = o.Provider };
        if (o.Protect)
        {
            json["protect"] = true;
        }
        if (o.RetainOnDelete)
        {
            json["retainOnDelete"] = true;
        }
        AddList(json, "dependsOn", o.DependsOn);
        AddList(json, "ignoreChanges", o.IgnoreChanges);
        AddList(json, "additionalSecretOutputs", o.AdditionalSecretOutputs);
        AddList(json, "aliases", o.Aliases);
        if (o.CustomTimeouts is { } t)
        {
            var timeouts = new JsonObject();
            foreach (var (key, limit) in new[] { ("create", t.Create), ("update", t.Update), ("delete", t.Delete) })
            {
                if (limit is { } l)
                {
                    timeouts[key] = PlanTimeouts.Format(l);
                }
            }
            json["customTimeouts"] = timeouts;
        }
        if (o.DeleteBeforeReplace)
        {
            json["deleteBeforeReplace"] = true;
        }
        AddList(json, "replaceOnChanges", o.ReplaceOnChanges);
        return json;
    }

    private static void AddList(JsonObject json, string key, ImmutableArray<string> items)
    {
        if (items.Length > 0)
        {
            json[key] = new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
        }
    }

    private static PlanOptions ReadOptions(JsonObject o) => new()
    {
        Parent = (string?)o["parent"],
        Provider = (string?)o["provider"],
        Protect = (bool?)o["protect"] ?? false,
        RetainOnDelete = (bool?)o["retainOnDelete"] ?? false,
        DependsOn = Strings(o["dependsOn"]),
        IgnoreChanges = Strings(o["ignoreChanges"]),
        AdditionalSecretOutputs = Strings(o["additionalSecretOutputs"]),
        Aliases = Strings(o["aliases"]),
        CustomTimeouts = o["customTimeouts"] is JsonObject t
            ? new PlanTimeouts(Limit(t["create"]), Limit(t["update"]), Limit(t["delete"]))
            : null,
        DeleteBeforeReplace = (bool?)o["deleteBeforeReplace"] ?? false,
        ReplaceOnChanges = Strings(o["replaceOnChanges"]),
    };

    private static TimeSpan? Limit(JsonNode? node) => node is null ? null : PlanTimeouts.Parse(Text(node));

    private static ImmutableArray<string> Strings(JsonNode? node) =>
        node is JsonArray a ? [.. a.Select(Text)] : [];

    private static JsonNode Row(DrMatrixRow row) => new JsonObject
    {
        ["function"] = row.Function,
        ["tier"] = row.Tier.Code(),
        ["verdict"] = row.Verdict.ToString(),
        ["worstRto"] = DrMatrixRow.Format(row.WorstRto),
        ["worstRpo"] = DrMatrixRow.Format(row.WorstRpo),
        ["paths"] = new JsonArray([.. row.Paths.Select(p => (JsonNode)new JsonObject
        {
            ["scenario"] = p.Scenario,
            ["mechanism"] = p.Mechanism.Name,
            ["rtoSeconds"] = Seconds(p.Mechanism.Rto),
            ["rpoSeconds"] = Seconds(p.Mechanism.Rpo),
            ["source"] = p.Mechanism.Source,
        })]),
    };

    private static DrMatrixRow ReadRow(JsonNode? row)
    {
        var node = Object(row, "a DR matrix row");
        return new(
        Text(node["function"]),
        Enum.Parse<DrTier>(Text(node["tier"]), ignoreCase: true),
        [.. Array(node["paths"], "a DR matrix row's paths").Select(n => Object(n, "a recovery path")).Select(p => new RecoveryPath(
            Text(p["scenario"]),
            new RecoveryMechanism(Text(p["mechanism"]), FromSeconds(p["rtoSeconds"]), FromSeconds(p["rpoSeconds"]), Text(p["source"]))))],
        Enum.Parse<DrVerdict>(Text(node["verdict"])));
    }

    private static JsonValue? Seconds(TimeSpan t) => t == TimeSpan.MaxValue ? null : JsonValue.Create((long)t.TotalSeconds);

    private static TimeSpan FromSeconds(JsonNode? n) => n is null ? TimeSpan.MaxValue : TimeSpan.FromSeconds((long)n);

    private static string Text(JsonNode? n) => (string?)n ?? throw new JsonException("missing string in plan JSON");

    private static string FormatDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A deep copy with every object's keys in ordinal order.</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, Sorted(e.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
