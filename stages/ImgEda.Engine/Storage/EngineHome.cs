using Microsoft.Data.Sqlite;

namespace ImgEda.Engine.Storage;

/// <summary>The engine's folder: metadata.db (SQLite), objects/ (file contents by sha256) and work/ (datums being run).
/// --home, else $IMGEDA_HOME, else ./.imgeda.</summary>
public sealed class EngineHome
{
    public const string Variable = "IMGEDA_HOME";

    public string Root { get; }
    public ObjectStore Objects { get; }
    public string Work => Path.Combine(Root, "work");
    private string Database => Path.Combine(Root, "metadata.db");

    private EngineHome(string root)
    {
        Root = root;
        Objects = new ObjectStore(Path.Combine(root, "objects"));
    }

    public static string Resolve(string? option)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } env ? env : ".imgeda";
        return Path.GetFullPath(option ?? fromEnvironment);
    }

    /// <summary>Opens the home, creating it and its schema on first use.</summary>
    public static EngineHome Open(string root)
    {
        Directory.CreateDirectory(root);
        var home = new EngineHome(root);
        // An empty metadata.db beside stored objects is a lost catalog, not a new home: making a fresh schema in it
        // would let `check` call the home consistent while every commit is gone.
        if (File.Exists(home.Database) && new FileInfo(home.Database).Length == 0 && home.Objects.Count() > 0)
            throw new IOException($"{home.Database} is empty but the store holds {home.Objects.Count()} objects: the "
                + "metadata is lost; restore metadata.db from a backup, or move the home away and put the files again");
        Directory.CreateDirectory(home.Work);
        using var db = home.Connect();
        Schema.Ensure(db);
        return home;
    }

    /// <summary>A connection in WAL mode: readers never block the one writer, and a killed writer's transaction is
    /// simply not there after restart.</summary>
    public MetadataDb Metadata() => new(Connect());

    private SqliteConnection Connect()
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Database,
            DefaultTimeout = 60,
            Pooling = false,
        };
        var connection = new SqliteConnection(connectionString.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            + "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=60000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
