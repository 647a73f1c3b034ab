using System.Globalization;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// The dates the tool plans for: the season catalog's years, 2000 to 2100. Every date it reads (a command line's
/// --date, a stack's createdOn, a price sheet's dates) must be one, so no date arithmetic leaves DateOnly's range
/// and no plan is made for year 9999.
/// </summary>
public static class ToolDates
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2100, 12, 31);

    /// <summary>What is allowed, as messages say it.</summary>
    public static string Text { get; } = $"a date yyyy-MM-dd from {Show(First)} to {Show(Last)}";

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>A date written exactly yyyy-MM-dd (Gregorian, whatever the culture) within the tool's dates.</summary>
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && Contains(date);

    /// <summary>yyyy-MM-dd in the Gregorian calendar, whatever the culture.</summary>
    public static string Show(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
