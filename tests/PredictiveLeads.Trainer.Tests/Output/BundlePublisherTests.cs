using PredictiveLeads.Trainer.Output;

namespace PredictiveLeads.Trainer.Tests.Output;

public sealed class BundlePublisherTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_new_bundle_replaces_the_old_one_and_leaves_nothing_beside_it()
    {
        var bundle = _temp.File("bundle");
        BundlePublisher.Publish(bundle, folder => File.WriteAllText(Path.Combine(folder, "model.json"), "old"));

        BundlePublisher.Publish(bundle, folder => File.WriteAllText(Path.Combine(folder, "model.json"), "new"));

        Assert.Equal("new", File.ReadAllText(Path.Combine(bundle, "model.json")));
        Assert.Equal([bundle], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void When_the_new_bundle_cannot_be_moved_into_place_the_old_one_is_kept()
    {
        var bundle = _temp.File("bundle");
        BundlePublisher.Publish(bundle, folder => File.WriteAllText(Path.Combine(folder, "model.json"), "old"));
        var moves = 0;

        Assert.Throws<IOException>(() => BundlePublisher.Publish(bundle,
            folder => File.WriteAllText(Path.Combine(folder, "model.json"), "new"),
            (from, to) =>
            {
                // The first move sets the old bundle aside; the second, the new bundle into place, fails.
                if (++moves == 2)
                    throw new IOException("disk full");
                Directory.Move(from, to);
            }));

        Assert.Equal("old", File.ReadAllText(Path.Combine(bundle, "model.json")));
        Assert.Equal([bundle], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_failing_write_leaves_the_old_bundle_untouched()
    {
        var bundle = _temp.File("bundle");
        BundlePublisher.Publish(bundle, folder => File.WriteAllText(Path.Combine(folder, "model.json"), "old"));

        Assert.Throws<InvalidDataException>(() => BundlePublisher.Publish(bundle, _ => throw new InvalidDataException("bad row")));

        Assert.Equal("old", File.ReadAllText(Path.Combine(bundle, "model.json")));
        Assert.Equal([bundle], Directory.GetFileSystemEntries(_temp.Path));
    }
}
