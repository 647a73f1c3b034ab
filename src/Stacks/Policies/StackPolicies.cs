using System.Text.RegularExpressions;
using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Residency;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Tagging;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Policies;

/// <summary>The rules every single plan must keep. Each returns violations naming the resource and the rule.</summary>
public static partial class StackPolicies
{
    /// <summary>Types that hold data: protected, so Pulumi refuses to delete them.</summary>
    public static readonly IReadOnlySet<string> Stateful = new HashSet<string>(StringComparer.Ordinal)
    {
        "azure-native:dbforpostgresql:Server",
        "azure-native:dbforpostgresql:Database",
        "azure-native:storage:StorageAccount",
        "azure-native:storage:BlobContainer",
        "azure-native:keyvault:Vault",
        "azure-native:operationalinsights:Workspace",
        "azure-native:network:VirtualNetwork",
        "azure-native:network:Subnet",
    };

    /// <summary>Global by nature (Azure Private DNS holds names, no data): their location is 'global'.</summary>
    public static readonly IReadOnlySet<string> GlobalTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "azure-native:privatedns:PrivateZone",
        "azure-native:privatedns:VirtualNetworkLink",
    };

    /// <summary>Azure types whose schema has a <c>tags</c> input (checked against the provider schema in tests).</summary>
    public static readonly IReadOnlySet<string> Taggable = new HashSet<string>(StringComparer.Ordinal)
    {
        "azure-native:resources:ResourceGroup",
        "azure-native:containerservice:ManagedCluster",
        "azure-native:containerservice:AgentPool",
        "azure-native:dbforpostgresql:Server",
        "azure-native:storage:StorageAccount",
        "azure-native:network:VirtualNetwork",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:network:NatGateway",
        "azure-native:network:PublicIPAddress",
        "azure-native:network:PrivateEndpoint",
        "azure-native:privatedns:PrivateZone",
        "azure-native:privatedns:VirtualNetworkLink",
        "azure-native:keyvault:Vault",
        "azure-native:keyvault:Secret",
        "azure-native:operationalinsights:Workspace",
        "azure-native:managedidentity:UserAssignedIdentity",
    };

    /// <summary>Inputs that carry credentials and must be secrets in the plan.</summary>
    private static readonly string[] CredentialInputs = ["administratorLoginPassword", "kubeconfig", "clientSecret", "password"];

    public static IEnumerable<PolicyViolation> Check(StackPlan plan, StackSettings settings) =>
        Residency(plan, settings.Territory, settings.Plan.SubscriptionId)
            .Concat(DisasterRecovery(plan))
            .Concat(Protection(plan))
            .Concat(Retention(plan))
            .Concat(Tagging(plan))
            .Concat(Secrets(plan))
            .Concat(DrillServersStayApart(plan))
            .Concat(ChaosOnlyOnRehearsal(plan, settings.Plan.Environment))
            .Concat(PlatformPolicies.Check(plan, settings.Territory));

    /// <summary>
    /// Chaos experiments kill pods and cut links on purpose: no production plan holds one, whatever planned it.
    /// (Validation already refuses freshfoodz:chaosExperiments on a production stack; this guards the plan itself.)
    /// </summary>
    public static IEnumerable<PolicyViolation> ChaosOnlyOnRehearsal(StackPlan plan, StackEnvironment environment)
    {
        if (environment == StackEnvironment.Rehearsal)
        {
            return [];
        }
        var chaosComponents = plan.Components.Where(c => c.Type is ChaosExperiments.Type or ChaosScenarios.Type).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return plan.Resources.Where(r => r.Type.StartsWith("kubernetes:chaos-mesh.org/", StringComparison.Ordinal)
                || (r.Options.Parent is { } parent && chaosComponents.Contains(parent))
                || (r.Inputs.At("metadata.labels") as PlanMap)?[ChaosScenarios.ChaosLabel.Key] is PlanString { Value: var v } && v == ChaosScenarios.ChaosLabel.Value)
            .Select(r => new PolicyViolation(r.Name, "ChaosOnlyOnRehearsal", $"{r.Type} runs only on a rehearsal stack (synthetic data only)"));
    }

    /// <summary>
    /// Every location is one of the territory's regions, DR copies sit in its DR region, every reference points
    /// inside the plan, and no value names another territory's region or another subscription.
    /// </summary>
    public static IEnumerable<PolicyViolation> Residency(StackPlan plan, Territory territory, string subscriptionId)
    {
        var rule = territory == Territory.Germany ? "GermanDataMustStayInGermany" : "SwissDataMustStayInSwitzerland";
        var foreignRegions = AzureRegion.Known.Where(r => !territory.Owns(r)).Select(r => r.Name).ToList();
        var elements = plan.Resources.Select(r => (r.Name, r.Inputs, Global: GlobalTypes.Contains(r.Type)))
            .Concat(plan.Providers.Select(p => (p.Name, p.Inputs, Global: false)));
        foreach (var (name, inputs, global) in elements)
        {
            if (global && inputs["location"] is not PlanString { Value: "global" })
            {
                yield return new(name, rule, "a private DNS resource is global: its location must be 'global'");
            }
            else if (!global && inputs["location"] is PlanString { Value: var location } && !territory.Regions.Any(r => r.Name == location))
            {
                yield return new(name, rule, $"location '{location}' is outside {territory.Country}; allowed: {string.Join(", ", territory.Regions)}");
            }
            // The location input was judged above; the scan looks at every other value.
            foreach (var value in inputs.Entries.Where(e => e.Key != "location").SelectMany(e => e.Value.Descendants()))
            {
                switch (value)
                {
                    case PlanRef r when !plan.Defines(r.Resource):
                        yield return new(name, "NoReferenceCrossesTerritories", $"refers to '{r.Resource}', which is not part of {plan.Stack} ({territory.Code})");
                        break;
                    case PlanString s when foreignRegions.FirstOrDefault(f => s.Value.Contains(f, StringComparison.OrdinalIgnoreCase)) is { } foreign:
                        yield return new(name, "NoReferenceCrossesTerritories", $"names region '{foreign}' of another territory in '{s.Value}'");
                        break;
                    case PlanString s when SubscriptionPattern().Match(s.Value) is { Success: true } m
                        && !string.Equals(m.Groups[1].Value, subscriptionId, StringComparison.OrdinalIgnoreCase):
                        yield return new(name, "NoReferenceCrossesTerritories", $"names subscription {m.Groups[1].Value}, not the territory's {subscriptionId}");
                        break;
                }
            }
        }
        foreach (var replica in plan.Resources.Where(r => r.Inputs["createMode"] is PlanString { Value: "Replica" }))
        {
            if (replica.Inputs["location"] is not PlanString { Value: var location } || location != territory.DisasterRecovery.Name)
            {
                yield return new(replica.Name, "ReplicasStayInCountry", $"a replica must be in {territory.DisasterRecovery}, the in-country DR region");
            }
        }
    }

    /// <summary>A function whose tier's targets are missed fails planning, named (rehearsals may waive).</summary>
    public static IEnumerable<PolicyViolation> DisasterRecovery(StackPlan plan) =>
        plan.DrMatrix.Where(r => r.Verdict == DrVerdict.Misses)
            .Select(r => new PolicyViolation(r.Function, "DrTargetsMet", r.Explain()));

    /// <summary>Stateful resources are protected; a restore drill's server is the one exception (<see cref="DrillServersStayApart"/>).</summary>
    public static IEnumerable<PolicyViolation> Protection(StackPlan plan) =>
        plan.Resources.Where(r => Stateful.Contains(r.Type) && !r.Options.Protect && !IsRestoreDrill(r))
            .Select(r => new PolicyViolation(r.Name, "StatefulResourcesAreProtected", $"{r.Type} holds data and must be protected"));

    /// <summary>
    /// Kept data survives a <c>pulumi destroy</c> of the stack and a resource group deleted in Azure: every Azure
    /// resource the plan keeps on delete (retainOnDelete) sits in a resource group that is kept too — deleting a group
    /// deletes everything in it — and is locked against deletion (itself, or its parent server or account, whose lock
    /// its children inherit) by a CanNotDelete lock that is kept as well (<see cref="DeleteLock"/>).
    /// </summary>
    private static readonly string[] ArmParents = ["serverName", "accountName"];

    public static IEnumerable<PolicyViolation> Retention(StackPlan plan)
    {
        var byName = plan.Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var locked = plan.OfType(DeleteLock.Type)
            .Where(l => l.Options.RetainOnDelete && l.Options.Protect && l.Inputs["level"] is PlanString { Value: DeleteLock.Level })
            .Select(l => (l.Inputs["scope"] as PlanRef)?.Resource).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var r in plan.Resources.Where(r => r.Options.RetainOnDelete && r.Package == "azure-native"
            && r.Type is not ("azure-native:resources:ResourceGroup" or DeleteLock.Type)))
        {
            if (r.Inputs["resourceGroupName"] is PlanRef { Resource: var group } && byName.TryGetValue(group, out var g) && !g.Options.RetainOnDelete)
            {
                yield return new(r.Name, "RetainedDataSurvivesDeletion", $"is kept on delete but sits in {group}, which a destroy deletes with everything in it: keep the group too (retainOnDelete)");
            }
            var parent = ArmParents.Select(k => (r.Inputs[k] as PlanRef)?.Resource).FirstOrDefault(p => p is not null);
            if (!locked.Contains(r.Name) && (parent is null || !locked.Contains(parent)))
            {
                yield return new(r.Name, "RetainedDataSurvivesDeletion",
                    $"is kept on delete but not locked: deleting its resource group in Azure deletes it; add a kept CanNotDelete lock ({DeleteLock.Type}) on it{(parent is null ? "" : $" or on {parent}")}");
            }
        }
    }

    /// <summary>Creation modes that make a copy of another server's backups.</summary>
    private static readonly string[] RestoreModes = ["PointInTimeRestore", "GeoRestore"];

    /// <summary>A PostgreSQL server restored from backups and tagged as a restore drill (both, or it is not one).</summary>
    public static bool IsRestoreDrill(PlannedResource r) =>
        r.Type == "azure-native:dbforpostgresql:Server"
        && r.Inputs["createMode"] is PlanString { Value: var mode } && RestoreModes.Contains(mode)
        && r.Inputs.At($"tags.{RestoreDrill.PurposeTag.Key}") is PlanString { Value: var purpose } && purpose == RestoreDrill.PurposeTag.Value;

    /// <summary>
    /// A restore drill's server is a disposable copy: restored and tagged as a drill together, named as one, neither
    /// protected nor retained (removing <c>freshfoodz:restoreDrill</c> deletes it), and no resource outside the drill
    /// refers to it by reference or by name (the apps never reach it).
    /// </summary>
    public static IEnumerable<PolicyViolation> DrillServersStayApart(StackPlan plan)
    {
        const string Rule = "DrillServersStayApart";
        var servers = plan.Resources.Where(r => r.Type == "azure-native:dbforpostgresql:Server").ToList();
        foreach (var r in servers)
        {
            var restored = r.Inputs["createMode"] is PlanString { Value: var mode } && RestoreModes.Contains(mode);
            var tagged = r.Inputs.At($"tags.{RestoreDrill.PurposeTag.Key}") is PlanString { Value: var p } && p == RestoreDrill.PurposeTag.Value;
            if (restored != tagged)
            {
                yield return new(r.Name, Rule, restored
                    ? $"a server restored from backups is a drill and carries the tag {RestoreDrill.PurposeTag.Key}: {RestoreDrill.PurposeTag.Value}"
                    : $"is tagged {RestoreDrill.PurposeTag.Key}: {RestoreDrill.PurposeTag.Value} but not restored (createMode {string.Join(" or ", RestoreModes)})");
            }
        }
        var drills = servers.Where(IsRestoreDrill).ToList();
        var drillComponents = plan.Components.Where(c => c.Type == RestoreDrill.Type).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var drill in drills)
        {
            var name = drill.Inputs["serverName"] is PlanString { Value: var n } ? n : "";
            if (!name.Contains("-drill-", StringComparison.Ordinal))
            {
                yield return new(drill.Name, Rule, $"a drill server's name says so ('-drill-'), got '{name}'");
            }
            if (drill.Options.Protect || drill.Options.RetainOnDelete)
            {
                yield return new(drill.Name, Rule, "a drill server is neither protected nor retained: removing freshfoodz:restoreDrill must delete it");
            }
            foreach (var other in plan.Resources.Where(o => o.Name != drill.Name && !(o.Options.Parent is { } parent && drillComponents.Contains(parent))))
            {
                var values = other.Inputs.Descendants().ToList();
                if (values.OfType<PlanRef>().Any(x => x.Resource == drill.Name)
                    || (name.Length > 0 && values.OfType<PlanString>().Any(x => x.Value.Contains(name, StringComparison.Ordinal))))
                {
                    yield return new(other.Name, Rule, $"refers to the drill server {drill.Name}: only the drill's own verification may reach it");
                }
            }
        }
    }

    public static IEnumerable<PolicyViolation> Tagging(StackPlan plan)
    {
        foreach (var r in plan.Resources.Where(r => Taggable.Contains(r.Type)))
        {
            var tags = r.Inputs["tags"] as PlanMap;
            var missing = StackTags.Required.Where(t => tags?[t] is not PlanString { Value.Length: > 0 }).ToList();
            if (missing.Count > 0)
            {
                yield return new(r.Name, "EveryTaggableResourceIsTagged", $"missing tags: {string.Join(", ", missing)}");
            }
        }
    }

    /// <summary>Credentials are secrets, never literals, in every resource and provider.</summary>
    public static IEnumerable<PolicyViolation> Secrets(StackPlan plan)
    {
        var elements = plan.Resources.Select(r => (r.Name, r.Inputs)).Concat(plan.Providers.Select(p => (p.Name, p.Inputs)));
        foreach (var (name, inputs) in elements)
        {
            foreach (var key in CredentialInputs.Where(k => inputs[k] is not null and not PlanSecret))
            {
                yield return new(name, "CredentialsAreSecrets", $"'{key}' must be a secret (RandomPassword, secret config or an invoke result)");
            }
        }
        foreach (var r in plan.Resources.Where(r => r.Type == "random:index/randomPassword:RandomPassword" && !r.Options.AdditionalSecretOutputs.Contains("result")))
        {
            yield return new(r.Name, "CredentialsAreSecrets", "a RandomPassword's 'result' must be a secret output");
        }
    }

    [GeneratedRegex("/subscriptions/([0-9a-fA-F-]{36})")]
    private static partial Regex SubscriptionPattern();
}
