using System.Runtime.InteropServices;

/// <summary>Sub-millisecond sleeps (Thread.Sleep counts whole milliseconds): the C library's usleep.</summary>
internal static partial class PreciseSleep
{
    public static void For(TimeSpan time) => _ = Sleep((uint)Math.Max(1, time.TotalMicroseconds));

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int Sleep(uint microseconds);
}
