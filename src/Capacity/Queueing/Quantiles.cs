namespace FreshFoodz.Capacity.Queueing;

/// <summary>Quantiles of a distribution given by its exceedance function P(T &gt; t).</summary>
public static class Quantiles
{
    /// <summary>
    /// The smallest t with P(T &gt; t) ≤ 1 − p, found by doubling an upper bracket from <paramref name="scale"/>
    /// and then bisecting to a relative width of 1e-12. The exceedance must be non-increasing in t.
    /// </summary>
    public static double Invert(Func<double, double> exceedance, double p, double scale)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a quantile needs 0 < p < 1");
        }
        var tail = 1 - p;
        double lo = 0, hi = scale;
        while (exceedance(hi) > tail)
        {
            lo = hi;
            hi *= 2;
            if (double.IsInfinity(hi))
            {
                throw new ArithmeticException("quantile search did not converge");
            }
        }
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (exceedance(mid) > tail)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return hi;
    }
}
