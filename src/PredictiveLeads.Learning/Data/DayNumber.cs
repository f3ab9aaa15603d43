using System.Globalization;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Date-times as the tables store them: fractional days since 1970-01-01 UTC. A double holds today's dates to about
/// half a microsecond, so turning a day number back into a date-time gives the whole millisecond it was read from
/// when there is one, else the nearest tick; either way, written out and read again it is the same day number.
/// </summary>
public static class DayNumber
{
    public static double From(DateTimeOffset moment) => (moment.UtcTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerDay;

    /// <summary>The UTC date-time of a day number: the whole millisecond that gives it when there is one, else the nearest tick.</summary>
    public static DateTime ToDateTime(double days)
    {
        var ticks = days * TimeSpan.TicksPerDay;
        var milliseconds = (long)Math.Round(ticks / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond;
        var exact = milliseconds / (double)TimeSpan.TicksPerDay == days ? milliseconds : (long)Math.Round(ticks);
        return new DateTime(DateTime.UnixEpoch.Ticks + exact, DateTimeKind.Utc);
    }

    /// <summary>ISO 8601 in UTC, seconds and fractions only where they are not zero: 2025-03-01T08:00:00Z.</summary>
    public static string Format(double days) =>
        ToDateTime(days).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
}
