namespace FreshFoodz.Monitoring;

/// <summary>
/// The metrics contract the app teams instrument against, and every name the monitoring uses: metrics, labels and
/// their values, rule groups, recorded series and alerts. docs/metrics-contract.md explains each; a test keeps the two
/// in step. Names follow Prometheus' naming conventions (base units, <c>_total</c> for counters, <c>_seconds</c>).
/// </summary>
public static class MetricsContract
{
    /// <summary>Label names.</summary>
    public static class Labels
    {
        /// <summary>On every series and alert: <c>de</c> or <c>ch</c>.</summary>
        public const string Territory = "territory";

        /// <summary>ISO 4217 code of <see cref="Metrics.AiCostMonthToDate"/> (EUR in de, CHF in ch).</summary>
        public const string Currency = "currency";

        /// <summary>Of <see cref="Metrics.HelpRequests"/>: <see cref="Outcomes"/>; of <see cref="Metrics.Jobs"/>: <see cref="JobOutcomes"/>.</summary>
        public const string Outcome = "outcome";

        /// <summary>Of the HTTP metrics: <see cref="RouteClasses"/>.</summary>
        public const string RouteClass = "route_class";

        /// <summary>Of the HTTP metrics: the status code, <c>200</c>, <c>503</c>.</summary>
        public const string Code = "code";

        /// <summary>A histogram bucket's upper bound.</summary>
        public const string Le = "le";

        /// <summary>Of the job metrics: the worker deployment (<c>lead-protection-worker</c>, as in freshfoodz:modules).</summary>
        public const string Deployment = "deployment";

        /// <summary>On postgres_exporter series: the DR tier of the primary it watches (critical, high, standard), set by its PodMonitor.</summary>
        public const string Tier = "tier";

        /// <summary>On every alert: <see cref="Severities"/>.</summary>
        public const string Severity = "severity";

        /// <summary>On every alert: the owning team, <see cref="Teams"/>.</summary>
        public const string Team = "team";

        /// <summary>On SLO series and alerts: the SLO's name (<c>order-availability</c>).</summary>
        public const string Slo = "slo";

        /// <summary>On recorded plan values: the season they were sized for.</summary>
        public const string Season = "season";

        /// <summary>Of the drill metrics: <c>pitr</c>, <c>geo</c> (restore drills) or <c>failover</c>.</summary>
        public const string Kind = Components.Drills.DrillMetrics.KindLabel;

        /// <summary>Of the drill metrics: the drill's day, yyyyMMdd.</summary>
        public const string Drill = "drill";

        /// <summary>On postgres_exporter series: the database (<c>freshfoodz</c>, the apps' database).</summary>
        public const string Database = "datname";
    }

    /// <summary>The application metrics (table in docs/metrics-contract.md).</summary>
    public static class Metrics
    {
        public const string SampleRequestProcessingDelay = "freshfoodz_sample_request_processing_delay_seconds";
        public const string LeadAssignmentLag = "freshfoodz_lead_assignment_lag_seconds";
        public const string OrderConfirmationDelay = "freshfoodz_order_confirmation_delay_seconds";
        public const string LeadProtectionViolations = "freshfoodz_lead_protection_violations_total";
        public const string GdprRequestOldestOpen = "freshfoodz_gdpr_request_oldest_open_seconds";
        public const string AuditTrailLastWrite = "freshfoodz_audit_trail_last_write_timestamp_seconds";
        public const string AiCostMonthToDate = "freshfoodz_ai_cost_month_to_date";
        public const string HelpRequests = "freshfoodz_help_requests_total";

        /// <summary>Histogram: series <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.</summary>
        public const string CarConfidenceDuration = "freshfoodz_car_confidence_duration_seconds";

        public const string HttpRequests = "http_requests_total";

        /// <summary>Histogram: series <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.</summary>
        public const string HttpRequestDuration = "http_request_duration_seconds";

        /// <summary>Counter of finished worker jobs, labels <see cref="Labels.Deployment"/> and <see cref="Labels.Outcome"/>.</summary>
        public const string Jobs = "freshfoodz_jobs_total";

        /// <summary>Histogram of worker job durations, label <see cref="Labels.Deployment"/>: series <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.</summary>
        public const string JobDuration = "freshfoodz_job_duration_seconds";

        /// <summary>Counter of audit-archive writes or deletes the archive refused (immutability held); the audit writer counts them.</summary>
        public const string AuditWriteRefused = Components.Drills.DrillMetrics.AuditWriteRefused;

        public static IReadOnlyList<string> All { get; } =
        [
            SampleRequestProcessingDelay, LeadAssignmentLag, OrderConfirmationDelay, LeadProtectionViolations,
            GdprRequestOldestOpen, AuditTrailLastWrite, AiCostMonthToDate, HelpRequests, CarConfidenceDuration,
            HttpRequests, HttpRequestDuration, Jobs, JobDuration, AuditWriteRefused,
        ];

        public static string Bucket(string histogram) => histogram + "_bucket";

        public static string Count(string histogram) => histogram + "_count";

        public static string Sum(string histogram) => histogram + "_sum";
    }

    /// <summary>Metrics of the exporters kube-prometheus-stack runs, and of postgres_exporter.</summary>
    public static class Infrastructure
    {
        /// <summary>kube-state-metrics: available replicas of a deployment (labels namespace, deployment).</summary>
        public const string DeploymentReplicasAvailable = "kube_deployment_status_replicas_available";

        /// <summary>kube-state-metrics: one series per node.</summary>
        public const string NodeInfo = "kube_node_info";

        /// <summary>postgres_exporter (prometheus-community, planned per tier's primary): backends connected, per database.</summary>
        public const string PostgresBackends = "pg_stat_database_numbackends";
    }

    /// <summary>What the recovery canaries and drills push to the Pushgateway (docs/recovery-drills.md).</summary>
    public static class Drills
    {
        public const string CanaryLastWrite = Components.Drills.DrillMetrics.CanaryLastWrite;
        public const string CanaryNewestRow = Components.Drills.DrillMetrics.CanaryNewestRow;
        public const string Started = Components.Drills.DrillMetrics.Started;
        public const string Verified = Components.Drills.DrillMetrics.Verified;
        public const string Rto = Components.Drills.DrillMetrics.Rto;
        public const string Rpo = Components.Drills.DrillMetrics.Rpo;
        public const string Success = Components.Drills.DrillMetrics.Success;
        public const string RestoredTables = Components.Drills.DrillMetrics.RestoredTables;
        public const string ErrorRatioMax = Components.Drills.DrillMetrics.ErrorRatioMax;
        public const string ReconnectSeconds = Components.Drills.DrillMetrics.ReconnectSeconds;
    }

    public static class RouteClasses
    {
        public const string Sample = "sample";
        public const string EventCatering = "event_catering";
        public const string Order = "order";
        public const string Other = "other";

        public static IReadOnlyList<string> All { get; } = [Sample, EventCatering, Order, Other];
    }

    /// <summary>Of <see cref="Metrics.HelpRequests"/>.</summary>
    public static class Outcomes
    {
        public const string Resolved = "resolved";
        public const string Unresolved = "unresolved";
    }

    /// <summary>Of <see cref="Metrics.Jobs"/>.</summary>
    public static class JobOutcomes
    {
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
    }

    /// <summary>sev1 pages, sev2 goes to the on-call channel, sev3 and sev4 become tickets.</summary>
    public static class Severities
    {
        public const string Sev1 = "sev1";
        public const string Sev2 = "sev2";
        public const string Sev3 = "sev3";
        public const string Sev4 = "sev4";

        public static IReadOnlyList<string> All { get; } = [Sev1, Sev2, Sev3, Sev4];
    }

    public static class Teams
    {
        public const string SalesOps = "sales-ops";
        public const string Legal = "legal";
        public const string Compliance = "compliance";
        public const string Security = "security";
        public const string Platform = "platform";
        public const string HelpTeam = "help-team";

        public static IReadOnlyList<string> All { get; } = [SalesOps, Legal, Compliance, Security, Platform, HelpTeam];

        /// <summary>Teams that get their alerts whatever the severity (besides the severity's receiver).</summary>
        public static IReadOnlyList<string> AlwaysNotified { get; } = [Legal, Compliance, Security];
    }

    /// <summary>Rule groups.</summary>
    public static class Groups
    {
        /// <summary>Plan values the dashboards draw against (capacity, limits, SLO targets).</summary>
        public const string Plan = "freshfoodz-plan";

        public const string BusinessKpis = "freshfoodz-business-kpis";
        public const string Capacity = "freshfoodz-capacity";
        public const string SloSli = "freshfoodz-slo-sli";
        public const string SloAlerts = "freshfoodz-slo-alerts";

        /// <summary>For a central Prometheus that sees both territories.</summary>
        public const string CentralTerritories = "freshfoodz-central-territories";

        /// <summary>Recovery drills: the tiers' targets and the drill and canary alerts.</summary>
        public const string RecoveryDrills = "freshfoodz-recovery-drills";
    }

    /// <summary>Recorded series (<c>level:metric:operations</c>, prefixed freshfoodz).</summary>
    public static class Records
    {
        public const string PlanServableRequests = "freshfoodz:plan_servable_requests_per_second";
        public const string PlanApiReplicas = "freshfoodz:plan_api_replicas";
        public const string PlanApiReplicasMax = "freshfoodz:plan_api_replicas_max";
        public const string PlanPeakApiReplicas = "freshfoodz:plan_peak_api_replicas";
        public const string PlanNodesMax = "freshfoodz:plan_nodes_max";
        public const string PlanDatabaseConnections = "freshfoodz:plan_database_connections_usable";
        public const string PlanAiBudget = "freshfoodz:plan_ai_budget_month";
        public const string PlanSloLatency = "freshfoodz:plan_slo_latency_seconds";
        public const string PlanSloObjective = "freshfoodz:plan_slo_objective_ratio";

        /// <summary>A DR tier's RTO and RPO targets in seconds (label <c>tier</c>).</summary>
        public const string PlanRtoTarget = "freshfoodz:plan_dr_rto_target_seconds";
        public const string PlanRpoTarget = "freshfoodz:plan_dr_rpo_target_seconds";

        /// <summary>The server connections PgBouncer opens at most per user/database pair (pgbouncer.default_pool_size).</summary>
        public const string PlanPoolServerConnections = "freshfoodz:plan_database_pool_server_connections";

        /// <summary>p95 latency per territory and route class over 5 minutes.</summary>
        public const string RouteClassP95 = "freshfoodz:route_class_latency_seconds:p95_rate5m";

        /// <summary>p95 latency per territory over 5 minutes (central Prometheus).</summary>
        public const string TerritoryP95 = "freshfoodz:territory_latency_seconds:p95_rate5m";

        /// <summary>An SLO's error ratio over a window (<c>freshfoodz:slo_errors:ratio_rate1h</c>).</summary>
        public static string SloErrorRatio(string window) => $"freshfoodz:slo_errors:ratio_rate{window}";
    }

    /// <summary>Alert names.</summary>
    public static class Alerts
    {
        public const string OrderConfirmationDelayed = "OrderConfirmationDelayed";
        public const string SampleRequestProcessingDelayed = "SampleRequestProcessingDelayed";
        public const string LeadAssignmentLagging = "LeadAssignmentLagging";
        public const string LeadProtectionRuleViolated = "LeadProtectionRuleViolated";
        public const string GdprRequestSlaAtRisk = "GdprRequestSlaAtRisk";
        public const string AuditTrailGap = "AuditTrailGap";
        public const string AiBudgetExceeded = "AiBudgetExceeded";
        public const string HelpSuccessRateLow = "HelpSuccessRateLow";
        public const string CarConfidenceSlow = "CarConfidenceSlow";
        public const string SeasonalLoadAboveProvisioned = "SeasonalLoadAboveProvisioned";
        public const string PeakCapacityReserveLow = "PeakCapacityReserveLow";
        public const string TerritoryLatencyDivergence = "TerritoryLatencyDivergence";
        public const string DatabasePoolSaturated = "DatabasePoolSaturated";
        public const string AuditTrailWriteRefused = "AuditTrailWriteRefused";
        public const string RecoveryDrillRtoMissed = "RecoveryDrillRtoMissed";
        public const string RecoveryDrillRpoMissed = "RecoveryDrillRpoMissed";
        public const string RecoveryDrillFailed = "RecoveryDrillFailed";
        public const string RestoreDrillStale = "RestoreDrillStale";
        public const string RecoveryCanaryStale = "RecoveryCanaryStale";

        /// <summary>Multiwindow multi-burn-rate SLO alert: sev1 pages (fast burn), sev3 tickets (slow burn).</summary>
        public const string ErrorBudgetBurn = "ErrorBudgetBurn";

        public static IReadOnlyList<string> All { get; } =
        [
            OrderConfirmationDelayed, SampleRequestProcessingDelayed, LeadAssignmentLagging, LeadProtectionRuleViolated,
            GdprRequestSlaAtRisk, AuditTrailGap, AiBudgetExceeded, HelpSuccessRateLow, CarConfidenceSlow,
            SeasonalLoadAboveProvisioned, PeakCapacityReserveLow, TerritoryLatencyDivergence, ErrorBudgetBurn,
            DatabasePoolSaturated, AuditTrailWriteRefused, RecoveryDrillRtoMissed, RecoveryDrillRpoMissed, RecoveryDrillFailed,
            RestoreDrillStale, RecoveryCanaryStale,
        ];
    }
}
