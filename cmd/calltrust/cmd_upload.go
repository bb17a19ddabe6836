package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/worker"
)

// addStoreFlags registers the flags of an S3 store (--endpoint,
// --path-style, --region, --sse, --sse-kms-key-id) and returns the options
// they fill. A local folder ignores them.
func addStoreFlags(fs *flag.FlagSet) *worker.StoreOptions {
	o := &worker.StoreOptions{}
	fs.StringVar(&o.Endpoint, "endpoint", "", "S3-compatible server URL, e.g. http://127.0.0.1:9000 (empty: AWS S3)")
	fs.BoolVar(&o.PathStyle, "path-style", false, "put the bucket in the URL path, as most S3-compatible servers need")
	fs.StringVar(&o.Region, "region", "", "AWS region, overriding AWS_REGION and the profile's region")
	fs.StringVar(&o.SSE, "sse", "", "server-side encryption of written objects: AES256 or aws:kms")
	fs.StringVar(&o.SSEKMSKeyID, "sse-kms-key-id", "", "KMS key for --sse aws:kms (empty: the account's default S3 key)")
	return o
}

// upload is one file the command was given or found in a folder.
type upload struct {
	path string // as the user named it, or found under a named folder
	key  string // where it goes, relative to the destination
	skip string // why it is not uploaded at all, when it is not a transcript
}

// uploadTally counts the outcomes of an upload run.
type uploadTally struct{ uploaded, refused, skipped, failed int }

func runUpload(e *env, args []string) error {
	fs := newFlags(e, "upload", "FILES... s3://bucket/prefix/|DIR",
		"Check that each transcript (and its .meta.json sidecar) parses and is a conversation,\n"+
			"then upload it with its sidecar. Folders are walked for transcripts. Files that would\n"+
			"fail are refused and not uploaded; the others still are.")
	opts := addStoreFlags(fs)
	maxBytes := fs.Int64("max-bytes", worker.DefaultMaxBytes, "size cap on one transcript, in bytes; larger files are refused")
	dryRun := fs.Bool("dry-run", false, "check the files and print what would be uploaded, without uploading")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		fs.Usage()
		return usageErr("need at least one file or folder and a destination")
	}
	dest := pos[len(pos)-1]
	if err := checkDestination(dest); err != nil {
		return usageErr("%v", err)
	}
	if *maxBytes <= 0 {
		return usageErr("--max-bytes must be positive")
	}
	files, err := collectUploads(pos[:len(pos)-1])
	if err != nil {
		return err
	}
	ctx, cancel := signalContext()
	defer cancel()
	store, err := worker.OpenStore(ctx, dest, *opts)
	if err != nil {
		return err
	}
	if strings.HasPrefix(dest, "s3://") {
		check := checkWritable
		if *dryRun {
			check = checkReadable
		}
		if err := check(ctx, dest, *opts); err != nil {
			return err
		}
	}
	u := &uploader{e: e, store: store, maxBytes: *maxBytes, dryRun: *dryRun, set: lexicons.Default()}
	var t uploadTally
	seen := map[string]string{}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		switch {
		case f.skip != "":
			fmt.Fprintf(e.stdout, "skipped  %s: %s\n", f.path, f.skip)
			t.skipped++
		case seen[f.key] != "":
			fmt.Fprintf(e.stdout, "refused  %s: it would be uploaded as %s, like %s\n", f.path, f.key, seen[f.key])
			t.refused++
		default:
			seen[f.key] = f.path
			u.one(ctx, f, &t)
		}
	}
	verb := "uploaded"
	if *dryRun {
		verb = "would upload"
	}
	fmt.Fprintf(e.stdout, "%s %d, refused %d, failed %d, skipped %d (destination %s)\n", verb, t.uploaded, t.refused, t.failed, t.skipped, dest)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	if t.refused+t.failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d of %d transcripts not uploaded", t.refused+t.failed, t.uploaded+t.refused+t.failed)}
	}
	return nil
}

// checkDestination catches a forgotten destination: the last argument
// must be an s3:// URL or a folder, not a transcript.
func checkDestination(dest string) error {
	if strings.HasPrefix(dest, "s3://") {
		return nil
	}
	fi, err := os.Stat(strings.TrimPrefix(dest, "file://"))
	switch {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("destination %s is a file; the last argument must be an s3:// URL or a folder", dest)
	case err != nil && worker.IsTranscriptKey(dest):
		return fmt.Errorf("destination %s looks like a transcript; the last argument must be an s3:// URL or a folder", dest)
	}
	return nil
}

// collectUploads expands the arguments: a file is uploaded under its base
// name, a folder's transcripts under their path relative to the folder.
// Sidecars are not uploads of their own: each goes with its transcript.
func collectUploads(args []string) ([]upload, error) {
	var out []upload
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		if !fi.IsDir() {
			u := upload{path: arg, key: filepath.Base(arg)}
			switch {
			case strings.HasSuffix(strings.ToLower(arg), transcript.MetaSuffix):
				u.skip = "a sidecar is uploaded with its transcript"
			case !worker.IsTranscriptKey(arg):
				u.skip = "not a transcript (.vtt .srt .json .txt .md .docx)"
			}
			out = append(out, u)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !worker.IsTranscriptKey(p) {
				return nil
			}
			if t := d.Type(); !t.IsRegular() && t&fs.ModeSymlink == 0 {
				return nil // a pipe or device would block or never end
			}
			rel, err := filepath.Rel(arg, p)
			if err != nil {
				return err
			}
			out = append(out, upload{path: p, key: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", arg, err)
		}
	}
	return out, nil
}

// uploader checks and uploads one transcript at a time.
type uploader struct {
	e        *env
	store    worker.Store
	maxBytes int64
	dryRun   bool
	set      *lexicons.Set
}

// one checks a transcript and its sidecar and uploads both, the sidecar
// first so that a worker listing the destination never finds the
// transcript without it.
func (u *uploader) one(ctx context.Context, f upload, t *uploadTally) {
	data, meta, err := u.check(f)
	if err != nil {
		fmt.Fprintf(u.e.stdout, "refused  %s: %v\n", f.path, err)
		t.refused++
		return
	}
	with := ""
	if meta != nil {
		with = " with its sidecar"
	}
	if u.dryRun {
		fmt.Fprintf(u.e.stdout, "ok       %s -> %s%s\n", f.path, f.key, with)
		t.uploaded++
		return
	}
	if meta != nil {
		if err := u.store.Put(ctx, f.key+transcript.MetaSuffix, meta, "application/json"); err != nil {
			fmt.Fprintf(u.e.stdout, "failed   %s: %v\n", f.path, err)
			t.failed++
			return
		}
	}
	if err := u.store.Put(ctx, f.key, data, contentType(f.key)); err != nil {
		fmt.Fprintf(u.e.stdout, "failed   %s: %v\n", f.path, err)
		t.failed++
		return
	}
	fmt.Fprintf(u.e.stdout, "uploaded %s -> %s%s\n", f.path, f.key, with)
	t.uploaded++
}

// check reads a transcript and its sidecar (nil when there is none) and
// makes sure the worker will accept them: within the size cap, a key the
// store takes, a format that parses, a sidecar that fits, and a
// conversation (or a practice pitch). Errors never quote the transcript.
func (u *uploader) check(f upload) (data, meta []byte, err error) {
	if err := worker.CheckKey(f.key); err != nil {
		return nil, nil, err
	}
	data, err = readCapped(f.path, u.maxBytes)
	if err != nil {
		return nil, nil, err
	}
	call, err := transcript.Parse(f.path, data)
	if err != nil {
		return nil, nil, err
	}
	sidecar := f.path + transcript.MetaSuffix
	meta, err = readCapped(sidecar, u.maxBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		meta = nil
	case err != nil:
		return nil, nil, err
	default:
		m, err := transcript.ParseMeta(sidecar, meta)
		if err != nil {
			return nil, nil, err
		}
		if err := call.ApplyMeta(m); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", sidecar, err)
		}
	}
	if _, err := analyze.Analyze(call, u.set, analyze.Options{}); err != nil {
		return nil, nil, err
	}
	return data, meta, nil
}

// readCapped reads a file, refusing one over limit bytes before reading it.
func readCapped(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: %d bytes, over the --max-bytes cap of %d", p, fi.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: over the --max-bytes cap of %d", p, limit)
	}
	return data, nil
}

// contentType is the MIME type a transcript is stored with.
func contentType(key string) string {
	switch strings.ToLower(path.Ext(key)) {
	case ".vtt":
		return "text/vtt; charset=utf-8"
	case ".srt":
		return "application/x-subrip"
	case ".json":
		return "application/json"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "text/plain; charset=utf-8"
}
