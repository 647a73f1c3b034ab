using System.Collections.Immutable;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Policies;

namespace FreshFoodz.Stacks.Release;

/// <summary>What becomes of one resource of the base release in the head release (or a resource new in the head).</summary>
public enum UrnFate
{
    /// <summary>Same URN: updated in place (or unchanged).</summary>
    Kept,

    /// <summary>A new URN that lists the old one in its aliases: Pulumi keeps the cloud resource.</summary>
    Aliased,

    /// <summary>New in the head release: created.</summary>
    Added,

    /// <summary>Gone, and the head plan retires it on purpose: deleted.</summary>
    Retired,

    /// <summary>Gone without an alias or a retirement: deleted (and, if renamed, created again).</summary>
    Removed,
}

/// <summary>One resource's URN from base to head, with the input changes that replace it.</summary>
public sealed record UrnChange(string? BaseUrn, string? HeadUrn, string Type, UrnFate Fate, IReadOnlyList<PropertyChange> Replacements)
{
    public bool Replaced => Replacements.Count > 0;
}

/// <summary>A change the check refuses, named like a policy: rule, URN and why.</summary>
public sealed record ReleaseRefusal(string Rule, string Urn, string Message)
{
    public override string ToString() => $"{Urn}: {Rule}: {Message}";
}

/// <summary>The comparison of one stack and season between two releases.</summary>
public sealed record ReleaseComparison(string Stack, string Season, IReadOnlyList<UrnChange> Changes, IReadOnlyList<ReleaseRefusal> Refusals);

/// <summary>
/// Every release checked against the last: the base release's plan and the head release's plan of one stack and
/// season, compared resource by resource by URN (<see cref="Urns"/>, which is what Pulumi keys its state by). Refused:
/// <list type="bullet">
/// <item><c>UrnDisappearsWithoutAlias</c>: a base URN the head neither keeps, nor lists in a resource's aliases, nor
/// retires on purpose (<see cref="StackPlan.Retired"/>) — Pulumi would delete the resource (and create a renamed one
/// afresh);</item>
/// <item><c>ProtectedResourceReplaced</c>: a protected resource whose inputs change where its provider replaces
/// (<see cref="ReplaceTriggers"/>);</item>
/// <item><c>StatefulResourceDeleted</c>: a resource holding data (<see cref="StackPolicies.Stateful"/>, or kept on
/// delete) or a protected one that the head deletes, retired or not.</item>
/// </list>
/// </summary>
public static class ReleaseCheck
{
    public static ReleaseComparison Compare(StackPlan @base, StackPlan head)
    {
        var baseUrns = Urns.Of(@base);
        var headUrns = Urns.Of(head);
        var headByUrn = head.Resources.ToDictionary(r => headUrns[r.Name], StringComparer.Ordinal);
        var aliasOf = head.Resources.SelectMany(r => r.Options.Aliases.Select(a => (Alias: a, Resource: r)))
            .GroupBy(x => x.Alias, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Resource, StringComparer.Ordinal);
        var baseUrnSet = baseUrns.Values.ToHashSet(StringComparer.Ordinal);
        var retired = head.Retired.Select(r => r.Urn).ToHashSet(StringComparer.Ordinal);
        var changes = new List<UrnChange>();
        var refusals = new List<ReleaseRefusal>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        // A reference to a renamed resource reads the same cloud resource: compare it under the base name.
        var baseNameOf = @base.Resources.Where(r => !headByUrn.ContainsKey(baseUrns[r.Name]) && aliasOf.ContainsKey(baseUrns[r.Name]))
            .ToDictionary(r => aliasOf[baseUrns[r.Name]].Name, r => r.Name, StringComparer.Ordinal);

        foreach (var old in @base.Resources)
        {
            var urn = baseUrns[old.Name];
            var (fate, @new) = headByUrn.TryGetValue(urn, out var same) ? (UrnFate.Kept, same)
                : aliasOf.TryGetValue(urn, out var aliased) ? (UrnFate.Aliased, aliased)
                : (retired.Contains(urn) ? UrnFate.Retired : UrnFate.Removed, (PlannedResource?)null);
            if (@new is null)
            {
                changes.Add(new UrnChange(urn, null, old.Type, fate, []));
                if (fate == UrnFate.Removed)
                {
                    var renamed = head.Resources.FirstOrDefault(r => r.Type == old.Type && !baseUrnSet.Contains(headUrns[r.Name]) && !r.Options.Aliases.Any());
                    refusals.Add(new ReleaseRefusal("UrnDisappearsWithoutAlias", urn,
                        renamed is null
                            ? "is in the base release and nowhere in the head: Pulumi would delete it; retire it on purpose (ComponentScope.Retire) or keep its URN"
                            : $"is gone without an alias while {headUrns[renamed.Name]} appears: Pulumi would delete the resource and create it again; add the old URN to the new resource's aliases"));
                }
                if (HoldsData(old) || old.Options.Protect)
                {
                    refusals.Add(new ReleaseRefusal("StatefulResourceDeleted", urn,
                        $"{(HoldsData(old) ? "holds data" : "is protected")} and the head release deletes it: move the data and remove it by hand, never by a release"));
                }
                continue;
            }
            matched.Add(headUrns[@new.Name]);
            var asBase = @new with { Inputs = (PlanMap)Renamed(@new.Inputs, baseNameOf) };
            var replacements = PlanDiff.Changes(old, asBase, head).Where(c => c.Kind == ChangeKind.Replace).ToList();
            changes.Add(new UrnChange(urn, headUrns[@new.Name], @new.Type, fate, replacements));
            if (replacements.Count > 0 && (old.Options.Protect || @new.Options.Protect))
            {
                var first = replacements[0];
                refusals.Add(new ReleaseRefusal("ProtectedResourceReplaced", headUrns[@new.Name],
                    $"is protected and '{first.Path}' changes ({Show(first.From)} → {Show(first.To)}), which replaces it: {first.Trigger?.Source}"
                    + (replacements.Count > 1 ? $" (and {replacements.Count - 1} more replacing change{(replacements.Count == 2 ? "" : "s")})" : "")));
            }
        }
        foreach (var r in head.Resources.Where(r => !matched.Contains(headUrns[r.Name])))
        {
            changes.Add(new UrnChange(null, headUrns[r.Name], r.Type, UrnFate.Added, []));
        }
        return new ReleaseComparison(head.Stack, head.Season, changes, refusals);
    }

    /// <summary>A value with its references to renamed resources pointed at their base names.</summary>
    private static PlanValue Renamed(PlanValue value, IReadOnlyDictionary<string, string> baseNameOf) => baseNameOf.Count == 0 ? value : value switch
    {
        PlanRef r when baseNameOf.TryGetValue(r.Resource, out var name) => r with { Resource = name },
        PlanMap m => new PlanMap(m.Entries.ToImmutableSortedDictionary(e => e.Key, e => Renamed(e.Value, baseNameOf), StringComparer.Ordinal)),
        PlanList l => new PlanList([.. l.Items.Select(i => Renamed(i, baseNameOf))]),
        PlanSecret s => new PlanSecret(Renamed(s.Value, baseNameOf)),
        PlanInvoke i => i with { Args = (PlanMap)Renamed(i.Args, baseNameOf) },
        _ => value,
    };

    /// <summary>Data a deletion would lose: a stateful type, or a resource the plan keeps on delete.</summary>
    private static bool HoldsData(PlannedResource r) => StackPolicies.Stateful.Contains(r.Type) || r.Options.RetainOnDelete;

    private static string Show(PlanValue? value) => value switch
    {
        null => "unset",
        PlanString s => s.Value,
        _ => PlanJson.Value(value)?.ToJsonString() ?? "null",
    };
}
