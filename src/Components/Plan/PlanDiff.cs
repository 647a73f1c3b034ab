namespace FreshFoodz.Components.Plan;

public enum ChangeKind
{
    InPlace,
    Replace,
    Added,
    Removed,
}

/// <summary>
/// One input that differs between two plans of the same stack; Path is dotted, list items indexed (<c>sku.name</c>, <c>spec.groups[0].rules[3].expr</c>). A replacement names
/// its <see cref="Trigger"/>: the replace trigger and the provider source it comes from.
/// </summary>
public sealed record PropertyChange(string Resource, string Type, string Path, PlanValue? From, PlanValue? To, ChangeKind Kind, ReplaceTrigger? Trigger = null);

/// <summary>What changes between two plans, resource by resource and property by property.</summary>
public static class PlanDiff
{
    public static IReadOnlyList<PropertyChange> Between(StackPlan from, StackPlan to)
    {
        var changes = new List<PropertyChange>();
        var before = from.Resources.ToDictionary(r => (r.Type, r.Name));
        var after = to.Resources.ToDictionary(r => (r.Type, r.Name));
        foreach (var (key, resource) in before.Where(kv => !after.ContainsKey(kv.Key)))
        {
            changes.Add(new(resource.Name, resource.Type, "", null, null, ChangeKind.Removed));
        }
        foreach (var (key, resource) in after.Where(kv => !before.ContainsKey(kv.Key)))
        {
            changes.Add(new(resource.Name, resource.Type, "", null, null, ChangeKind.Added));
        }
        foreach (var (key, old) in before.Where(kv => after.ContainsKey(kv.Key)))
        {
            changes.AddRange(Changes(old, after[key], to));
        }
        return changes;
    }

    /// <summary>The input changes of one resource from <paramref name="old"/> to <paramref name="new"/>, each flagged
    /// in place or replace by its provider's replace triggers (with the provider's settings in <paramref name="plan"/>).</summary>
    public static IEnumerable<PropertyChange> Changes(PlannedResource old, PlannedResource @new, StackPlan plan)
    {
        var provider = plan.Providers.FirstOrDefault(p => p.Name == @new.Options.Provider)?.Inputs;
        foreach (var (path, a, b) in Leaves(old.Inputs, @new.Inputs, ""))
        {
            var trigger = ReplaceTriggers.For(@new.Type, path, provider)
                ?? @new.Options.ReplaceOnChanges.Where(p => ReplaceTriggers.Covers(p, path)).Select(p => new ReplaceTrigger(p, "the resource's replaceOnChanges option")).FirstOrDefault();
            yield return new(old.Name, old.Type, path, a, b, trigger is null ? ChangeKind.InPlace : ChangeKind.Replace, trigger);
        }
    }

    /// <summary>The differing leaves of two values: maps are walked key by key, lists of the same length item by item
    /// (<c>spec.groups[0].rules[3].expr</c>, so a changed threshold shows as itself, not as the whole rule file);
    /// anything else, a list that grew or shrank included, is compared whole.</summary>
    private static IEnumerable<(string Path, PlanValue? From, PlanValue? To)> Leaves(PlanValue? a, PlanValue? b, string path)
    {
        if (a is PlanMap ma && b is PlanMap mb)
        {
            foreach (var key in ma.Entries.Keys.Union(mb.Entries.Keys).Order(StringComparer.Ordinal))
            {
                foreach (var leaf in Leaves(ma[key], mb[key], path.Length == 0 ? key : $"{path}.{key}"))
                {
                    yield return leaf;
                }
            }
        }
        else if (a is PlanList la && b is PlanList lb && la.Items.Length == lb.Items.Length)
        {
            for (var i = 0; i < la.Items.Length; i++)
            {
                foreach (var leaf in Leaves(la.Items[i], lb.Items[i], $"{path}[{i}]"))
                {
                    yield return leaf;
                }
            }
        }
        else if (!Equals(a, b))
        {
            yield return (path, a, b);
        }
    }
}

