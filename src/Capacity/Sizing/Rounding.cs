namespace FreshFoodz.Capacity.Sizing;

internal static class Rounding
{
    /// <summary>
    /// ⌈x⌉, but a value a rounding error above a whole number counts as that number
    /// (0.1 × 3 / 0.01 = 30.000000000000004 must give 30, not 31).
    /// </summary>
    public static int CeilingCount(double x) => (int)Math.Ceiling(x - 1e-9 * Math.Max(1.0, Math.Abs(x)));
}
