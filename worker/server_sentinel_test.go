package worker

// A real Redis Sentinel setup for integration tests: a master, one
// replica and three sentinels, all redis-server processes on loopback
// ports chosen at run time.

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// sentinelMaster is the name the sentinels monitor.
const sentinelMaster = "calls"

// sentinelDownAfter is how long the sentinels wait before they hold an
// unanswering master down and fail over: short, so that tests are quick.
const sentinelDownAfter = 1000 * time.Millisecond

// sentinelSetup is a master and a replica watched by three sentinels.
type sentinelSetup struct {
	nodes     []*redisServer // nodes[0] starts as master, nodes[1] as its replica
	sentinels []*sentinelServer
}

// sentinelServer is one `redis-server --sentinel` process.
type sentinelServer struct {
	proc      *testservers.Process
	bin, conf string
	port      int
}

// startSentinels starts the master, its replica and three sentinels, and
// waits until every sentinel knows the replica and the other sentinels.
func startSentinels(t testing.TB) *sentinelSetup {
	t.Helper()
	s := &sentinelSetup{}
	master := startRedis(t)
	replica := startRedis(t, testservers.RedisArgs("--replicaof", "127.0.0.1", strconv.Itoa(master.Port())))
	s.nodes = []*redisServer{master, replica}
	waitFor(t, 30*time.Second, "replica in sync", func() error { return inSync(replica) })
	for range 3 {
		s.sentinels = append(s.sentinels, startSentinel(t, master.Port()))
	}
	waitFor(t, 30*time.Second, "sentinels know each other and the replica", func() error {
		for _, sn := range s.sentinels {
			info, err := sn.do("INFO", "sentinel")
			if err != nil {
				return err
			}
			if !strings.Contains(info, "slaves=1,sentinels=3") {
				return fmt.Errorf("sentinel %d: %s", sn.port, strings.TrimSpace(info))
			}
		}
		return nil
	})
	return s
}

// startSentinel starts one sentinel watching the master on masterPort.
func startSentinel(t testing.TB, masterPort int) *sentinelServer {
	t.Helper()
	dir := t.TempDir()
	s := &sentinelServer{bin: testservers.Find(t, "CALLTRUST_REDIS_SERVER", "redis-server"), conf: filepath.Join(dir, "sentinel.conf"), port: testservers.FreePort(t)}
	conf := fmt.Sprintf(`port %d
bind 127.0.0.1
protected-mode no
dir %s
sentinel monitor %s 127.0.0.1 %d 2
sentinel down-after-milliseconds %s %d
sentinel failover-timeout %s 10000
sentinel parallel-syncs %s 1
`, s.port, dir, sentinelMaster, masterPort, sentinelMaster, sentinelDownAfter.Milliseconds(), sentinelMaster, sentinelMaster)
	if err := os.WriteFile(s.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	s.proc = testservers.NewProcess(t, "redis-sentinel", filepath.Join(dir, "sentinel.log"))
	s.proc.Start(s.bin, []string{s.conf, "--sentinel"}, os.Environ(), func() error {
		_, err := s.do("PING")
		return err
	})
	return s
}

// do sends one command to the sentinel and returns its string reply.
func (s *sentinelServer) do(args ...string) (string, error) {
	return testservers.RedisDo("127.0.0.1:"+strconv.Itoa(s.port), "", args...)
}

// URL returns the redis-sentinel:// URL of the setup, database 0.
func (s *sentinelSetup) URL() string {
	var addrs []string
	for _, sn := range s.sentinels {
		addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(sn.port))
	}
	return "redis-sentinel://" + strings.Join(addrs, ",") + "/0?master=" + sentinelMaster
}

// Book returns the bookkeeping through the sentinels, closed when the
// test ends, and the connection options.
func (s *sentinelSetup) Book(t testing.TB) (*queue.Book, asynq.RedisConnOpt) {
	t.Helper()
	conn, err := queue.ParseRedis(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	return openBook(t, conn), conn
}

// masterPort asks the first sentinel that answers which port the master
// is on.
func (s *sentinelSetup) masterPort() (int, error) {
	for _, sn := range s.sentinels {
		if p, ok := sn.masterPort(); ok {
			return p, nil
		}
	}
	return 0, fmt.Errorf("no sentinel names a master")
}

// masterPort is the port of the master this sentinel names, if it answers.
func (sn *sentinelServer) masterPort() (int, bool) {
	// The reply is an array of host and port; do reads its first line
	// only, so ask for the port with a second command.
	info, err := sn.do("INFO", "sentinel")
	if err != nil {
		return 0, false
	}
	i := strings.Index(info, "address=127.0.0.1:")
	if i < 0 {
		return 0, false
	}
	rest := info[i+len("address=127.0.0.1:"):]
	j := strings.IndexByte(rest, ',')
	if j <= 0 {
		return 0, false
	}
	p, err := strconv.Atoi(rest[:j])
	return p, err == nil
}

// node returns the data node on port.
func (s *sentinelSetup) node(port int) *redisServer {
	for _, n := range s.nodes {
		if n.Port() == port {
			return n
		}
	}
	return nil
}

// inSync reports whether a replica has finished its first sync.
func inSync(replica *redisServer) error {
	info, err := testservers.RedisDo(replica.Addr(), "", "INFO", "replication")
	if err != nil {
		return err
	}
	if !strings.Contains(info, "master_link_status:up") {
		return fmt.Errorf("replica link not up")
	}
	return nil
}

// waitFor retries check every 100 ms until it succeeds or limit passes.
func waitFor(t testing.TB, limit time.Duration, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %s: %v", what, limit, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitPromoted waits until every sentinel names one master other than
// the one that was on port old: a client asks whichever sentinel it
// reaches, and one that has not yet heard of the promotion still names
// the dead master.
func (s *sentinelSetup) waitPromoted(t *testing.T, old int) {
	t.Helper()
	waitFor(t, 30*time.Second, "a replica promoted, as every sentinel says", func() error {
		named := map[int]bool{}
		for i, sn := range s.sentinels {
			p, ok := sn.masterPort()
			switch {
			case !ok:
				return fmt.Errorf("sentinel %d names no master", i)
			case p == old:
				return fmt.Errorf("sentinel %d still names the master on port %d", i, old)
			}
			named[p] = true
		}
		if len(named) != 1 {
			return fmt.Errorf("the sentinels name %d masters", len(named))
		}
		return nil
	})
}
