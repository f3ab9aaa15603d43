using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>
/// The ids of the leads a bundle learned from (its fit and validation rows), kept as sorted 64-bit hashes so that
/// <c>evaluate</c> can tell when it is given rows the model has seen. A hash instead of the id keeps the file at
/// 8 bytes a lead and holds no customer data; at a million leads two distinct ids share a hash with odds of about
/// one in 30 million.
/// </summary>
public sealed class TrainingIds
{
    public const string FileName = "training-ids.bin";
    private static readonly byte[] Magic = "PLIDS001"u8.ToArray();
    private readonly ulong[] _sorted;

    private TrainingIds(ulong[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public static TrainingIds From(DataColumn ids, IEnumerable<int> rows)
    {
        var hashes = rows.Where(r => !ids.IsMissing(r)).Select(r => Hash(ids.FormatValue(r))).Distinct().ToArray();
        Array.Sort(hashes);
        return new TrainingIds(hashes);
    }

    public bool Contains(string id) => Array.BinarySearch(_sorted, Hash(id)) >= 0;

    public void Save(string path)
    {
        var bytes = new byte[Magic.Length + 8 * _sorted.Length];
        Magic.CopyTo(bytes, 0);
        for (var i = 0; i < _sorted.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(Magic.Length + 8 * i), _sorted[i]);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The ids saved in a bundle directory, or null when the bundle has none (trained without an id column, or before they were kept).</summary>
    public static TrainingIds? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return null;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic) || (bytes.Length - Magic.Length) % 8 != 0)
            throw new ModelFormatException($"{path}: not a training-ids file written by train");
        var sorted = new ulong[(bytes.Length - Magic.Length) / 8];
        for (var i = 0; i < sorted.Length; i++)
            sorted[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(Magic.Length + 8 * i));
        return new TrainingIds(sorted);
    }

    private static ulong Hash(string id) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id.Trim()));
}
