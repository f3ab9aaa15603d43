namespace PredictiveLeads.Testing;

/// <summary>The repository's top folder, found from the test assembly's location (for committed files such as models/).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PredictiveLeads.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("PredictiveLeads.sln not found above " + AppContext.BaseDirectory);
    }
}
