package worker

// A real Redis Cluster for integration tests: three masters, each a
// redis-server with cluster mode on, joined by `redis-cli --cluster
// create`, on loopback ports chosen at run time.

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// redisCluster is three redis-server masters sharing the hash slots.
type redisCluster struct {
	nodes []*redisServer
}

// startCluster starts three cluster-mode servers, joins them into one
// cluster with no replicas and waits until the cluster is ok.
func startCluster(t testing.TB) *redisCluster {
	t.Helper()
	cli := testservers.Find(t, "CALLTRUST_REDIS_CLI", "redis-cli")
	c := &redisCluster{}
	var addrs []string
	for range 3 {
		n := startRedis(t, testservers.RedisArgs("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"))
		c.nodes = append(c.nodes, n)
		addrs = append(addrs, n.Addr())
	}
	args := append(append([]string{"--cluster", "create"}, addrs...), "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	waitFor(t, 30*time.Second, "cluster state ok on every node", func() error {
		for _, n := range c.nodes {
			info, err := testservers.RedisDo(n.Addr(), "", "CLUSTER", "INFO")
			if err != nil {
				return err
			}
			if !strings.Contains(info, "cluster_state:ok") {
				return fmt.Errorf("%s: cluster state not ok", n.Addr())
			}
		}
		return nil
	})
	return c
}

// URL returns the cluster's redis-cluster:// URL, every node a seed.
func (c *redisCluster) URL() string {
	var addrs []string
	for _, n := range c.nodes {
		addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(n.Port()))
	}
	return "redis-cluster://" + strings.Join(addrs, ",")
}

// Book returns the bookkeeping on the cluster, closed when the test ends,
// and the connection options.
func (c *redisCluster) Book(t testing.TB) (*queue.Book, asynq.RedisConnOpt) {
	t.Helper()
	conn, err := queue.ParseRedis(c.URL())
	if err != nil {
		t.Fatal(err)
	}
	return openBook(t, conn), conn
}
