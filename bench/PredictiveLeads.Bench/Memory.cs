namespace PredictiveLeads.Bench;

/// <summary>Peak resident memory from the kernel (VmHWM), measured as the peer kit measures it.</summary>
internal static class Memory
{
    public static double PeakMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        return double.NaN;
    }

    /// <summary>Resets the peak to the current size (writing 5 to clear_refs), as peer_bench does before training.</summary>
    public static void ResetPeak()
    {
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
