namespace PredictiveLeads.Learning.Common;

/// <summary>Order statistics without sorting everything.</summary>
public static class Selection
{
    /// <summary>
    /// The <paramref name="k"/>-th smallest of <paramref name="values"/> (0-based), the value a full sort would put at
    /// index k, found in linear time on average by partitioning around a median-of-three pivot. Reorders the span;
    /// the values must not be NaN.
    /// </summary>
    public static double KthSmallest(Span<double> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var middle = left + (right - left) / 2;
            if (values[middle] < values[left])
                (values[middle], values[left]) = (values[left], values[middle]);
            if (values[right] < values[left])
                (values[right], values[left]) = (values[left], values[right]);
            if (values[right] < values[middle])
                (values[right], values[middle]) = (values[middle], values[right]);
            var pivot = values[middle];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                right = j;
            else if (k >= i)
                left = i;
            else
                return values[k];
        }
        return values[k];
    }
}
