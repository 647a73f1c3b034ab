namespace FreshFoodz.Components.Plan;

/// <summary>
/// Pulumi's resource names: <c>urn:pulumi:&lt;stack&gt;::&lt;project&gt;::&lt;type chain&gt;::&lt;name&gt;</c>, where the
/// type chain is the parent components' types from the top, joined by <c>$</c>, then the element's own type. A
/// child of the root stack (no parent) has its own type alone (pulumi/pulumi sdk/go/common/resource/urn.go, NewURN;
/// the engine leaves the root <c>pulumi:pulumi:Stack</c> out of the chain). Providers are
/// <c>pulumi:providers:&lt;package&gt;</c>. The state is keyed by URN: an element whose URN changes without an alias
/// is deleted and created again.
/// </summary>
public static class Urns
{
    /// <summary>The project name in Pulumi.yaml.</summary>
    public const string Project = "freshfoodz-infra";

    public static string Of(string stack, string typeChain, string name) => $"urn:pulumi:{stack}::{Project}::{typeChain}::{name}";

    /// <summary>The type chain of an element of <paramref name="type"/> under the component <paramref name="parent"/> (null: the stack).</summary>
    public static string TypeChain(IReadOnlyDictionary<string, PlannedComponent> components, string? parent, string type)
    {
        var chain = new List<string> { type };
        for (var p = parent; p is not null; p = components[p].Parent)
        {
            chain.Insert(0, components[p].Type);
        }
        return string.Join('$', chain);
    }

    /// <summary>Every element's URN in a plan, by element name: providers, components and resources.</summary>
    public static IReadOnlyDictionary<string, string> Of(StackPlan plan)
    {
        var components = plan.Components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var urns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in plan.Providers)
        {
            urns[p.Name] = Of(plan.Stack, $"pulumi:providers:{p.Package}", p.Name);
        }
        foreach (var c in plan.Components)
        {
            urns[c.Name] = Of(plan.Stack, TypeChain(components, c.Parent, c.Type), c.Name);
        }
        foreach (var r in plan.Resources)
        {
            urns[r.Name] = Of(plan.Stack, TypeChain(components, r.Options.Parent, r.Type), r.Name);
        }
        return urns;
    }

    /// <summary>Whether a text is a URN of this project's stack <paramref name="stack"/>.</summary>
    public static bool IsOfStack(string urn, string stack) =>
        urn.StartsWith($"urn:pulumi:{stack}::{Project}::", StringComparison.Ordinal)
        && urn.LastIndexOf("::", StringComparison.Ordinal) > $"urn:pulumi:{stack}::{Project}::".Length;

    /// <summary>The name at the end of a URN.</summary>
    public static string NameOf(string urn) => urn[(urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];
}
