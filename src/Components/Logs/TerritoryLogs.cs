using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Logs;

public sealed record TerritoryLogsArgs
{
    public required TerritoryContext Context { get; init; }
    public required PlannedResource ResourceGroup { get; init; }
}

/// <summary>What sends its logs where: a resource, the tier whose workspace keeps them, and what it sends.</summary>
public sealed record DiagnosticTarget(string Role, PlannedResource Resource, DrTier Tier, IReadOnlyList<string> Categories, IReadOnlyList<string> CategoryGroups, bool Metrics);

/// <summary>
/// Log Analytics in the territory's primary region, one workspace per DR tier so each keeps its tier's retention,
/// and the diagnostic settings that send the platform's logs there (never to a sink outside the territory).
/// Retention = max(30, the tier's backup retention) days: a state that can still be restored can be matched with
/// its logs, and 30 days is the workspace minimum (Azure Monitor docs, "Manage data retention in a Log Analytics
/// workspace"; azure-native 3.28.0 operationalinsights Workspace retentionInDays). The platform's shared parts (the
/// cluster, Key Vault, the audit archive) serve critical functions and log to the critical tier's workspace.
/// Diagnostic settings travel on Azure's backbone, so the workspaces need no public ingestion path.
/// </summary>
public static class TerritoryLogs
{
    public const string Type = "freshfoodz:logs:TerritoryLogs";

    public static int RetentionDays(DrTier tier, int backupRetentionDays) => Math.Max(30, backupRetentionDays);

    public static IReadOnlyDictionary<DrTier, PlannedResource> Add(
        PlanBuilder plan, string name, TerritoryLogsArgs args, Func<DrTier, int> backupRetentionDays, IReadOnlyList<DiagnosticTarget> targets)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var workspaces = Enum.GetValues<DrTier>().ToDictionary(tier => tier, tier => scope.Resource(
            "azure-native:operationalinsights:Workspace", $"workspace-{tier.Code()}", new Props
            {
                ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
                ["workspaceName"] = $"log-freshfoodz-{c.Names.Stack}-{tier.Code()}",
                ["location"] = c.Primary.Name,
                ["sku"] = new Props { ["name"] = "PerGB2018" },
                ["retentionInDays"] = RetentionDays(tier, backupRetentionDays(tier)),
                // Queries with Entra ID from the portal; ingestion arrives through diagnostic settings.
                ["publicNetworkAccessForIngestion"] = "Disabled",
                ["publicNetworkAccessForQuery"] = "Enabled",
                ["tags"] = c.Tags.For(DataClassification.Confidential),
            }, new PlanOptions { Protect = true }));

        foreach (var target in targets)
        {
            scope.Resource("azure-native:monitor:DiagnosticSetting", $"diagnostics-{target.Role}", new Props
            {
                ["resourceUri"] = target.Resource.Id,
                ["name"] = $"freshfoodz-{c.Names.Stack}",
                ["workspaceId"] = workspaces[target.Tier].Id,
                ["logs"] = PlanValue.List(
                    target.Categories.Select(category => (PlanValue)new Props { ["category"] = category, ["enabled"] = true })
                        .Concat(target.CategoryGroups.Select(group => (PlanValue)new Props { ["categoryGroup"] = group, ["enabled"] = true }))),
                ["metrics"] = target.Metrics ? PlanValue.List(new Props { ["category"] = "AllMetrics", ["enabled"] = true }) : null,
            });
        }
        return workspaces;
    }
}
