using System.Collections.Immutable;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Release;
using FreshFoodz.Stacks.Tests.Plans;

namespace FreshFoodz.Stacks.Tests.Release;

/// <summary>
/// The release-to-release check on de-prod's plan with one change made to the head: renames with and without an
/// alias, a replaced protected resource, deleted data, a retired resource, a typed-SDK type change.
/// </summary>
public class ReleaseCheckTests
{
    private static readonly StackPlan Base = StackPlanner.Build(Plans.Plans.Settings("de-prod"), Season.Baseline);

    private const string ServerUrn = "urn:pulumi:de-prod::freshfoodz-infra::freshfoodz:data:TieredDatabase$azure-native:dbforpostgresql:Server::data-critical-server";

    [Fact]
    public void UrnsAreStackProjectTypeChainAndName()
    {
        Assert.Equal(ServerUrn, Urns.Of(Base)["data-critical-server"]);
        Assert.Equal("urn:pulumi:de-prod::freshfoodz-infra::freshfoodz:foundation:Foundation::foundation", Urns.Of(Base)["foundation"]);
        Assert.Equal("urn:pulumi:de-prod::freshfoodz-infra::pulumi:providers:azure-native::azure-native-de", Urns.Of(Base)["azure-native-de"]);
        Assert.Contains($"name: {Urns.Project}\n", File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSamePlanChangesNothing()
    {
        var result = ReleaseCheck.Compare(Base, Base);
        Assert.Empty(result.Refusals);
        Assert.All(result.Changes, c => Assert.Equal((UrnFate.Kept, false), (c.Fate, c.Replaced)));
    }

    [Fact]
    public void ARenameWithAnAliasReplacesNothingAndPasses()
    {
        var head = Rename(Base, "data-critical-server", "data-critical-postgres", alias: true);
        var result = ReleaseCheck.Compare(Base, head);
        Assert.Empty(result.Refusals);
        var renamed = Assert.Single(result.Changes, c => c.Fate == UrnFate.Aliased);
        Assert.Equal((ServerUrn, ServerUrn.Replace("::data-critical-server", "::data-critical-postgres", StringComparison.Ordinal)), (renamed.BaseUrn, renamed.HeadUrn));
        // Nothing replaced: the database and the other operations on the server refer to the same cloud server.
        Assert.DoesNotContain(result.Changes, c => c.Replaced);
        Assert.DoesNotContain(result.Changes, c => c.Fate is UrnFate.Added or UrnFate.Removed);
    }

    [Fact]
    public void ARenameWithoutAnAliasIsRefused()
    {
        var head = Rename(Base, "data-critical-server", "data-critical-postgres", alias: false);
        var result = ReleaseCheck.Compare(Base, head);
        var gone = Assert.Single(result.Refusals, r => r.Rule == "UrnDisappearsWithoutAlias");
        Assert.Equal(ServerUrn, gone.Urn);
        Assert.Contains("::data-critical-postgres appears: Pulumi would delete the resource and create it again; add the old URN", gone.Message, StringComparison.Ordinal);
        // And the server holds data: deleting it is refused on its own account.
        Assert.Contains(result.Refusals, r => r.Rule == "StatefulResourceDeleted" && r.Urn == ServerUrn);
    }

    [Fact]
    public void AProtectedResourceReplacedIsRefused()
    {
        // availabilityZone is create-only (REST spec), so ForceNew in azure-native's metadata.
        var head = Base.Mutate("data-critical-server", i => i.With("availabilityZone", "2"));
        var refusal = Assert.Single(ReleaseCheck.Compare(Base, head).Refusals);
        Assert.Equal(("ProtectedResourceReplaced", ServerUrn), (refusal.Rule, refusal.Urn));
        Assert.Equal($"is protected and 'availabilityZone' changes (1 → 2), which replaces it: {ReplaceTriggers.AzureMutabilitySource}", refusal.Message);
        // An unprotected resource may be replaced: the cluster's outbound type (forceNewMap) is listed, not refused.
        var cluster = Base.Mutate("platform-cluster", i => i.With("networkProfile", ((PlanMap)i["networkProfile"]!).With("outboundType", "userDefinedRouting")));
        var result = ReleaseCheck.Compare(Base, cluster);
        Assert.Empty(result.Refusals);
        Assert.Equal("networkProfile.outboundType", Assert.Single(Assert.Single(result.Changes, c => c.Replaced).Replacements).Path);
    }

    [Fact]
    public void AStatefulResourceDeletedIsRefused()
    {
        // The audit container holds data: even retired on purpose, a release may not delete it.
        var container = Urns.Of(Base)["audit-acct11y-container"];
        var head = Without(Base, "audit-acct11y-container") with { Retired = [new RetiredResource(container, "moved")] };
        var refusal = Assert.Single(ReleaseCheck.Compare(Base, head).Refusals);
        Assert.Equal(("StatefulResourceDeleted", container), (refusal.Rule, refusal.Urn));
        Assert.StartsWith("holds data and the head release deletes it", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStatelessResourceGoesOnlyWhenRetired()
    {
        var link = Urns.Of(Base)["network-zone-vault-link-dr"];
        var removed = Without(Base, "network-zone-vault-link-dr");
        Assert.Equal(("UrnDisappearsWithoutAlias", link), (Assert.Single(ReleaseCheck.Compare(Base, removed).Refusals).Rule, link));
        var retired = removed with { Retired = [new RetiredResource(link, "the DR network no longer resolves the vault")] };
        var result = ReleaseCheck.Compare(Base, retired);
        Assert.Empty(result.Refusals);
        Assert.Equal(UrnFate.Retired, Assert.Single(result.Changes, c => c.BaseUrn == link).Fate);
    }

    [Fact]
    public void ATypeChangeWithAnAliasKeepsTheResource()
    {
        // A move to a typed SDK class of another API version registers another type token: the alias carries the old URN.
        var newType = "azure-native:dbforpostgresql/v20250801:Server";
        var head = Base with
        {
            Resources = [.. Base.Resources.Select(r => r.Name == "data-critical-server"
                ? r with { Type = newType, Options = r.Options with { Aliases = [ServerUrn] } } : r)],
        };
        var result = ReleaseCheck.Compare(Base, head);
        Assert.Empty(result.Refusals);
        Assert.Equal(ServerUrn.Replace("azure-native:dbforpostgresql:Server", newType, StringComparison.Ordinal), Assert.Single(result.Changes, c => c.Fate == UrnFate.Aliased).HeadUrn);
    }

    [Fact]
    public void TheReportListsUrnChangesAsMarkdown()
    {
        var comparisons = new[]
        {
            ReleaseCheck.Compare(Base, Rename(Base, "data-critical-server", "data-critical-postgres", alias: true)),
            ReleaseCheck.Compare(Base, Base.Mutate("data-critical-server", i => i.With("availabilityZone", "2"))),
        };
        var md = ReleaseReport.Markdown(comparisons, []);
        Assert.Contains("**Refused**: 1 change (exit 3).", md, StringComparison.Ordinal);
        Assert.Contains($"| renamed (alias) | `{ServerUrn.Replace("::data-critical-server", "::data-critical-postgres", StringComparison.Ordinal)}` | was `{ServerUrn}` | baseline |", md, StringComparison.Ordinal);
        Assert.Contains($"- `ProtectedResourceReplaced` `{ServerUrn}` (de-prod: baseline): is protected", md, StringComparison.Ordinal);
    }

    /// <summary>Text from a plan (a property path, a URN, a message quoting a value) reaches the pull-request comment
    /// on one line with its control characters escaped: no forged table row, no escape sequence.</summary>
    [Fact]
    public void TheReportEscapesWhatThePlansSay()
    {
        const string Hostile = "zone\u001b[2J\n| forged | row |";
        var replaced = new PropertyChange("data-critical-server", "azure-native:dbforpostgresql:Server", Hostile, "1", "2", ChangeKind.Replace,
            new ReplaceTrigger(Hostile, "test"));
        var comparison = new ReleaseComparison("de-prod", "baseline",
            [new UrnChange(ServerUrn, ServerUrn, "azure-native:dbforpostgresql:Server", UrnFate.Kept, [replaced])],
            [new ReleaseRefusal("ProtectedResourceReplaced", ServerUrn, $"is protected; '{Hostile}' replaces it")]);
        var md = ReleaseReport.Markdown([comparison], [$"base built from {Hostile}"]);
        Assert.DoesNotContain('\u001b', md);
        Assert.DoesNotContain("\n| forged", md, StringComparison.Ordinal);
        Assert.Contains("zone\\u001B[2J\\n", md, StringComparison.Ordinal);
        // Every line is one the report wrote: a heading, a list item, a table row, a note or blank.
        Assert.All(md.Split('\n'), l => Assert.Matches(@"^(|#.*|\*\*.*|- .*|\|.*\|\r?|Note: .*|Every other .*|No URN .*)$", l));
    }

    private static StackPlan Without(StackPlan plan, string name) => plan with { Resources = [.. plan.Resources.Where(r => r.Name != name)] };

    /// <summary>The plan with one resource renamed, every reference and dependency following it.</summary>
    private static StackPlan Rename(StackPlan plan, string from, string to, bool alias)
    {
        var urn = Urns.Of(plan)[from];
        PlanValue Follow(PlanValue v) => v switch
        {
            PlanRef r when r.Resource == from => r with { Resource = to },
            PlanMap m => new PlanMap(m.Entries.ToImmutableSortedDictionary(e => e.Key, e => Follow(e.Value), StringComparer.Ordinal)),
            PlanList l => new PlanList([.. l.Items.Select(Follow)]),
            PlanSecret s => new PlanSecret(Follow(s.Value)),
            _ => v,
        };
        return plan with
        {
            Resources = [.. plan.Resources.Select(r => r with
            {
                Name = r.Name == from ? to : r.Name,
                Inputs = (PlanMap)Follow(r.Inputs),
                Options = r.Options with
                {
                    DependsOn = [.. r.Options.DependsOn.Select(d => d == from ? to : d)],
                    Aliases = r.Name == from && alias ? [urn] : r.Options.Aliases,
                },
            })],
        };
    }
}
