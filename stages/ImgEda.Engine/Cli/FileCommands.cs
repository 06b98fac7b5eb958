using System.CommandLine;
using System.Text.Json.Nodes;
using ImgEda.Core;
using ImgEda.Core.Running;
using ImgEda.Engine.Storage;

namespace ImgEda.Engine.Cli;

/// <summary>imgeda put|delete|ls|get: files into and out of repos.</summary>
public static class FileCommands
{
    public static IEnumerable<Command> Build() => [Put(), Delete(), List(), Get()];

    private static Command Put()
    {
        var repo = new Argument<string>("repo") { Description = "The input repo" };
        var sources = new Argument<string[]>("path")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Files and folders (folders are taken whole, keeping relative paths)",
        };
        var list = new Option<string?>("--list", "-l")
        {
            Description = "A file naming one file or folder per line ('-' reads stdin)",
            HelpName = "FILE",
        };
        var dest = new Option<string>("--dest", "-d")
        {
            Description = "Where in the repo to put them",
            DefaultValueFactory = _ => "/",
            HelpName = "PATH",
        };
        var message = new Option<string?>("--message", "-m") { Description = "A description for the commit" };
        var command = new Command("put", "Put files into a repo as one new commit (unchanged files cost nothing)")
        {
            repo, sources, list, dest, message,
        };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            var paths = (parse.GetValue(sources) ?? []).ToList();
            if (parse.GetValue(list) is { } listFile)
            {
                paths.AddRange(ReadList(listFile).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
            }
            if (paths.Count == 0) throw new UsageException("nothing to put: name files or folders, or --list FILE");
            var missing = new List<string>();
            var expanded = FileImporter.Expand(paths, parse.GetValue(dest)!, missing.Add);
            foreach (var m in missing) log.Error(m);
            var outcome = new FileImporter(home, log).Put(parse.GetValue(repo)!, expanded, parse.GetValue(message));
            log.Info(outcome.Commit is null
                ? outcome.Unreadable.Count > 0
                    ? $"{parse.GetValue(repo)}: no commit: {outcome.Unreadable.Count} of {expanded.Count} files"
                        + " not stored (above)"
                    : $"{parse.GetValue(repo)}: no change ({outcome.Stored} files, all already there)"
                : $"{parse.GetValue(repo)}: commit {outcome.Commit.Id} with {outcome.Stored} files");
            if (outcome.Commit is not null) Console.WriteLine(outcome.Commit.Id);
            return missing.Count + outcome.Unreadable.Count > 0 ? ExitStatus.ProblemsFound : ExitStatus.Done;
        }));
        return command;
    }

    private static Command Delete()
    {
        var repo = new Argument<string>("repo") { Description = "The input repo" };
        var paths = new Argument<string[]>("path")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Files or folders to remove",
        };
        var message = new Option<string?>("--message", "-m") { Description = "A description for the commit" };
        var command = new Command("delete", "Remove files from a repo as one new commit") { repo, paths, message };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            var importer = new FileImporter(home, log);
            var commit = importer.Delete(parse.GetValue(repo)!, parse.GetValue(paths)!, parse.GetValue(message));
            if (commit is null) throw new UsageException($"none of those paths is in {parse.GetValue(repo)}");
            log.Info($"{commit.Repo}: commit {commit.Id}");
            Console.WriteLine(commit.Id);
            return ExitStatus.Done;
        }));
        return command;
    }

    private static string[] ReadList(string file)
    {
        try
        {
            return file == "-" ? Console.In.ReadToEnd().Split('\n') : File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the --list file: {e.Message}");
        }
    }

    private static Command List()
    {
        var target = new Argument<string>("repo") { Description = "REPO[@COMMIT][:PATH]" };
        var format = OutputFormat.Option();
        var command = new Command("ls", "List the files of a commit (size, path)") { target, format };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, _) =>
        {
            using var db = home.Metadata();
            var (commit, prefix) = FileReference.Resolve(new RepoCatalog(db), parse.GetValue(target)!);
            var files = FileReference.Under(new RepoCatalog(db).Files(commit.Id), prefix).ToList();
            if (OutputFormat.IsJson(parse, format))
                OutputFormat.Write(new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
                {
                    ["path"] = f.Path, ["size"] = f.Size, ["sha256"] = f.Object,
                })]));
            else
                foreach (var file in files) Console.WriteLine($"{file.Size,12} {OutputFormat.OneLine(file.Path)}");
            return ExitStatus.Done;
        }));
        return command;
    }

    private static Command Get()
    {
        var target = new Argument<string>("repo") { Description = "REPO[@COMMIT][:PATH]" };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder to write into (a single file without -o goes to stdout)",
            HelpName = "DIR",
        };
        var command = new Command("get", "Read files out of a commit") { target, output };
        command.SetAction(parse => EngineContext.Guarded(parse, (home, log) =>
        {
            using var db = home.Metadata();
            var (commit, prefix) = FileReference.Resolve(new RepoCatalog(db), parse.GetValue(target)!);
            var files = FileReference.Under(new RepoCatalog(db).Files(commit.Id), prefix).ToList();
            if (files.Count == 0) throw new UsageException($"nothing at {parse.GetValue(target)}");
            if (parse.GetValue(output) is not { } dir)
            {
                if (files is not [var single] || single.Path != prefix)
                    throw new UsageException("that is a folder: give -o DIR to write its files");
                using var stdout = Console.OpenStandardOutput();
                using var content = File.OpenRead(home.Objects.PathOf(single.Object));
                content.CopyTo(stdout);
                return ExitStatus.Done;
            }
            // Paths below the named folder keep their place; a named file lands in DIR itself.
            var namedFile = files is [var one] && one.Path == prefix;
            var baseLength = prefix.Length == 0 ? 0 : namedFile ? prefix.LastIndexOf('/') + 1 : prefix.Length + 1;
            foreach (var file in files)
            {
                var destination = Path.Combine(dir, file.Path[baseLength..]);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(home.Objects.PathOf(file.Object), destination, overwrite: true);
                var readableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite
                    | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                File.SetUnixFileMode(destination, readableByAll);
            }
            log.Info($"wrote {files.Count} files from {commit.Repo}@{commit.Id[..12]} to {dir}");
            return ExitStatus.Done;
        }));
        return command;
    }
}
