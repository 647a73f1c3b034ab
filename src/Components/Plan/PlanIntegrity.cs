namespace FreshFoodz.Components.Plan;

/// <summary>
/// What the Pulumi program needs of a plan to register it mechanically: one name per element (providers, components
/// and resources share one namespace, since references and options name elements only), every parent, provider,
/// dependency, reference and invoke pointing at an element that exists and fits. A plan that breaks one is a planning
/// bug and is refused when it is built, never skipped at registration.
/// </summary>
public static class PlanIntegrity
{
    public static StackPlan Check(StackPlan plan)
    {
        var problems = Problems(plan).ToList();
        return problems.Count == 0
            ? plan
            : throw new InvalidOperationException($"the plan of {plan.Stack} cannot be registered: {string.Join("; ", problems)}");
    }

    public static IEnumerable<string> Problems(StackPlan plan)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, kind) in plan.Providers.Select(p => (p.Name, "provider"))
            .Concat(plan.Components.Select(c => (c.Name, "component")))
            .Concat(plan.Resources.Select(r => (r.Name, "resource")))
            .Concat(plan.StackReferences.Select(s => (s.Name, "stack reference"))))
        {
            if (!kinds.TryAdd(name, kind))
            {
                yield return $"a {kinds[name]} and a {kind} are both named '{name}'";
            }
        }
        string? KindOf(string name) => kinds.GetValueOrDefault(name);
        var providers = plan.Providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

        foreach (var c in plan.Components.Where(c => c.Parent is not null && KindOf(c.Parent) != "component"))
        {
            yield return $"component '{c.Name}' has parent '{c.Parent}', which is not a component";
        }
        foreach (var r in plan.Resources)
        {
            if (r.Options.Parent is { } parent && KindOf(parent) != "component")
            {
                yield return $"resource '{r.Name}' has parent '{parent}', which is not a component";
            }
            if (r.Options.Provider is not { } provider || !providers.TryGetValue(provider, out var p))
            {
                yield return $"resource '{r.Name}' names no explicit provider of the plan (got '{r.Options.Provider}')";
            }
            else if (p.Package != r.Package)
            {
                yield return $"resource '{r.Name}' ({r.Package}) names provider '{p.Name}' of package {p.Package}";
            }
            foreach (var d in r.Options.DependsOn.Where(d => KindOf(d) is not ("resource" or "component")))
            {
                yield return $"resource '{r.Name}' depends on '{d}', which is not in the plan";
            }
            foreach (var a in r.Options.Aliases.Where(a => !Urns.IsOfStack(a, plan.Stack)))
            {
                yield return $"resource '{r.Name}' has alias '{a}', which is not a URN of stack {plan.Stack} (urn:pulumi:{plan.Stack}::{Urns.Project}::<type chain>::<name>)";
            }
        }
        var parentsKnown = plan.Components.All(c => c.Parent is null || KindOf(c.Parent) == "component")
            && plan.Resources.All(r => r.Options.Parent is null || KindOf(r.Options.Parent) == "component");
        var current = parentsKnown ? Urns.Of(plan).Values.ToHashSet(StringComparer.Ordinal) : [];
        foreach (var r in plan.Resources)
        {
            foreach (var a in r.Options.Aliases.Where(current.Contains))
            {
                yield return $"resource '{r.Name}' has alias '{a}', which another element of the plan still has";
            }
        }
        foreach (var r in plan.Retired.Where(r => !Urns.IsOfStack(r.Urn, plan.Stack) || current.Contains(r.Urn)))
        {
            yield return $"retired '{r.Urn}' is {(current.Contains(r.Urn) ? "still an element of the plan" : $"not a URN of stack {plan.Stack}")}";
        }
        var values = plan.Resources.Select(r => (Owner: $"resource '{r.Name}'", Value: (PlanValue)r.Inputs))
            .Concat(plan.Providers.Select(p => (Owner: $"provider '{p.Name}'", Value: (PlanValue)p.Inputs)))
            .Append(("the stack outputs", plan.Outputs));
        foreach (var (owner, value) in values)
        {
            foreach (var d in value.Descendants())
            {
                switch (d)
                {
                    case PlanRef r when KindOf(r.Resource) != "resource":
                        yield return $"{owner} refers to '{r.Resource}', which is not a resource of the plan";
                        break;
                    case PlanRef r when !ReferenceOutputs.Known.Contains(r.Output):
                        yield return $"{owner} refers to output '{r.Output}' of '{r.Resource}', which the program does not declare";
                        break;
                    case PlanInvoke i when !providers.TryGetValue(i.Provider, out var p):
                        yield return $"{owner} invokes {i.Token} on '{i.Provider}', which is not a provider of the plan";
                        break;
                    case PlanInvoke i when !i.Token.StartsWith(providers[i.Provider].Package + ":", StringComparison.Ordinal):
                        yield return $"{owner} invokes {i.Token} on provider '{i.Provider}' of package {providers[i.Provider].Package}";
                        break;
                }
            }
        }
    }
}
