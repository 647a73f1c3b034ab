namespace FreshFoodz.Monitoring.Rules;

/// <summary>
/// The business thresholds that are the same in every territory and season (issue 5's alert table). Thresholds that
/// depend on the season or territory are not here: they come from the stack settings and the capacity engine.
/// </summary>
public static class Thresholds
{
    public static readonly TimeSpan OrderConfirmationDelay = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan SampleRequestDelay = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan LeadAssignmentLag = TimeSpan.FromSeconds(30);

    /// <summary>
    /// GDPR Art. 12(3): a data-subject request is answered "within one month of receipt" (extendable by two further
    /// months, with notice within the first). A month is at least 28 days, so the deadline is counted as 28 days.
    /// </summary>
    public static readonly TimeSpan GdprAnswerDeadline = TimeSpan.FromDays(28);

    /// <summary>The alert leaves a week (five working days) to answer or to send the extension notice.</summary>
    public static readonly TimeSpan GdprWarningAhead = TimeSpan.FromDays(7);

    public static TimeSpan GdprAtRisk => GdprAnswerDeadline - GdprWarningAhead;

    /// <summary>The contract asks for an audit heartbeat write every 5 minutes, so quiet hours are no gap.</summary>
    public static readonly TimeSpan AuditHeartbeat = TimeSpan.FromMinutes(5);

    /// <summary>Three missed heartbeats.</summary>
    public static readonly TimeSpan AuditTrailMaxGap = 3 * AuditHeartbeat;

    public const double HelpResolvedShareMin = 0.85;

    /// <summary>Below this many help requests in the hour the share is noise (our choice: 20 gives 5 % steps).</summary>
    public const int HelpMinRequestsPerHour = 20;

    public static readonly TimeSpan CarConfidenceP95Max = TimeSpan.FromMilliseconds(300);

    /// <summary>The slower territory's p95 may exceed the faster one's by at most this share.</summary>
    public const double TerritoryLatencyDivergenceMax = 0.20;
}
