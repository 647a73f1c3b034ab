using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Resilience;

/// <summary>
/// An Azure management lock (CanNotDelete) on a resource the plan keeps: <c>retainOnDelete</c> keeps it through a
/// <c>pulumi destroy</c>, but deleting its resource group in Azure would still delete it; a locked resource makes that
/// deletion fail ("When you apply a lock at a parent scope, all child resources inherit the same lock"; a resource group
/// with a locked resource cannot be deleted: Microsoft docs "Lock your Azure resources to protect your infrastructure",
/// azure-resource-manager/management/lock-resources.md; REST "Management Locks - Create Or Update By Scope"). The lock
/// is itself protected and retained, so a destroy leaves it in place. It blocks deletion only: a locked PostgreSQL
/// server still scales, restarts and changes parameters (Microsoft docs "Protect Azure Database for PostgreSQL Flexible
/// Server with Resource Locks"). Creating or removing one needs
/// Microsoft.Authorization/locks/* (of the built-in roles, Owner and User Access Administrator).
/// </summary>
public static class DeleteLock
{
    public const string Type = "azure-native:authorization:ManagementLockByScope";

    public const string Level = "CanNotDelete";

    public const string Name = "freshfoodz-keep";

    /// <summary>What a resource that is kept on delete needs: protect, retainOnDelete.</summary>
    public static PlanOptions Kept { get; } = new() { Protect = true, RetainOnDelete = true };

    /// <summary>Locks <paramref name="target"/> against deletion: a resource named <c>{component}-{role}-lock</c>.</summary>
    public static PlannedResource Add(ComponentScope scope, string role, PlannedResource target) =>
        scope.Resource(Type, $"{role}-lock", new Props
        {
            ["scope"] = target.Id,
            ["lockName"] = Name,
            ["level"] = Level,
            ["notes"] = "FreshFoodz keeps this resource's data (retainOnDelete): remove the lock only to delete it on purpose (docs/disaster-recovery.md, What a destroy keeps).",
        }, Kept);
}
