using System.Text.Json.Nodes;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>Where two plan JSON trees differ, one line each: the element, the property path and both values.</summary>
internal static class PlanDifferences
{
    public static List<string> Between(JsonObject plan, JsonObject registered)
    {
        var found = new List<string>();
        foreach (var section in new[] { "providers", "components", "resources" })
        {
            var kind = section.TrimEnd('s');
            var expected = Named(plan[section]);
            var actual = Named(registered[section]);
            foreach (var name in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
            {
                if (!actual.TryGetValue(name, out var a))
                {
                    found.Add($"{kind} '{name}': planned, never registered");
                }
                else if (!expected.TryGetValue(name, out var e))
                {
                    found.Add($"{kind} '{name}': registered, not in the plan");
                }
                else
                {
                    Compare($"{kind} '{name}'", "", e, a, found);
                }
            }
        }
        Compare("stack outputs", "", plan["outputs"], registered["outputs"], found);
        return found;
    }

    private static Dictionary<string, JsonNode> Named(JsonNode? list) =>
        (list?.AsArray() ?? []).ToDictionary(n => (string)n!["name"]!, n => n!, StringComparer.Ordinal);

    private static void Compare(string element, string path, JsonNode? expected, JsonNode? actual, List<string> found)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Compare(element, path.Length == 0 ? key : $"{path}.{key}", e[key], a[key], found);
                }
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(element, $"{path}[{i}]", e[i], a[i], found);
                }
                break;
            default:
                var planned = WirePlan.Canonical(expected);
                var registered = WirePlan.Canonical(actual);
                if (planned != registered)
                {
                    found.Add($"{element}: {(path.Length == 0 ? "(value)" : path)}: plan {Short(planned)}, registered {Short(registered)}");
                }
                break;
        }
    }

    private static string Short(string json)
    {
        var flat = json.Replace("\n", " ", StringComparison.Ordinal);
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }
}
