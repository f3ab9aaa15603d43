using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// Takes LightGBM's own log lines off standard output (where the native library prints them, mixing them into a
/// command's output) and keeps them for the training notes instead. One line is expected and dropped: LightGBM
/// reads a category with no level lit (missing, rare or unseen) as its missing value and says so.
/// </summary>
internal static unsafe partial class LightGbmLog
{
    private const string ExpectedNote = "Met negative value in categorical features";

    private static readonly ConcurrentQueue<string> Lines = new();
    private static readonly StringBuilder Pending = new();
    private static readonly Lazy<bool> Routed = new(() => LGBM_RegisterLogCallback(&OnMessage) == 0);

    /// <summary>Routes LightGBM's log into this class; called before LightGBM first runs.</summary>
    public static void Route() => _ = Routed.Value;

    /// <summary>The lines LightGBM wrote since the last call, without the expected one.</summary>
    public static IReadOnlyList<string> Take()
    {
        var lines = new List<string>();
        while (Lines.TryDequeue(out var line))
        {
            if (!line.Contains(ExpectedNote, StringComparison.Ordinal))
                lines.Add(line);
        }
        return lines;
    }

    [LibraryImport("lib_lightgbm")]
    private static partial int LGBM_RegisterLogCallback(delegate* unmanaged[Cdecl]<byte*, void> callback);

    // LightGBM writes one line in several pieces: the level prefix, the message, then a line break.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(byte* text)
    {
        var piece = Marshal.PtrToStringUTF8((nint)text) ?? "";
        lock (Pending)
        {
            Pending.Append(piece);
            if (!piece.EndsWith('\n'))
                return;
            Lines.Enqueue(Pending.ToString().TrimEnd());
            Pending.Clear();
        }
    }
}
