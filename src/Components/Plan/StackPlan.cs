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

    public PlannedResource Resource(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"no resource '{name}' in the plan of {Stack}");

    public IEnumerable<PlannedResource> OfType(string type) => Resources.Where(r => r.Type == type);

    public bool Defines(string name) =>
        Resources.Any(r => r.Name == name) || Components.Any(c => c.Name == name) || Providers.Any(p => p.Name == name)
        || StackReferences.Any(s => s.Name == name);
}
