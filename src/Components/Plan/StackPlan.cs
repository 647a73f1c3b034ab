using System.Collections.Immutable;
using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Plan;

/// <summary>
/// Everything the Pulumi program registers for one stack and season: providers, the component tree, resources,
/// the DR matrix and the stack outputs. Immutable and deterministic: the same settings give the same plan.
/// </summary>
public sealed record StackPlan(
    string Stack,
    string Territory,
    string Season,
    ImmutableArray<PlannedProvider> Providers,
    ImmutableArray<PlannedComponent> Components,
    ImmutableArray<PlannedResource> Resources,
    ImmutableArray<DrMatrixRow> DrMatrix,
    PlanMap Outputs)
{
    /// <summary>Stacks whose outputs the program reads: the stack itself, for the season switch's recorded state.</summary>
    public ImmutableArray<PlannedStackReference> StackReferences { get; init; } = [];

    /// <summary>
    /// Resources an earlier release planned that this one removes on purpose, by their URN: <c>release-check</c> lets
    /// such a URN disappear without an alias (still never one that holds data or is protected).
    /// </summary>
    public ImmutableArray<RetiredResource> Retired { get; init; } = [];

    public PlannedResource Resource(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"no resource '{name}' in the plan of {Stack}");

    public IEnumerable<PlannedResource> OfType(string type) => Resources.Where(r => r.Type == type);

    public bool Defines(string name) =>
        Resources.Any(r => r.Name == name) || Components.Any(c => c.Name == name) || Providers.Any(p => p.Name == name)
        || StackReferences.Any(s => s.Name == name);
}

/// <summary>A resource removed on purpose: its URN in the releases that planned it, and why it goes.</summary>
public sealed record RetiredResource(string Urn, string Reason);
