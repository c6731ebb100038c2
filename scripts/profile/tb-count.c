// SPDX-License-Identifier: GPL-2.0
/*
 * tb-count: a QEMU TCG plugin that counts, for every translation block, how
 * many times it ran, and at exit writes one line per block:
 *
 *	<start address, hex> <instructions in the block> <executions>
 *
 * to the file given as the "out=" argument.  Blocks end at every branch, so
 * attributing a block's instructions to the symbol its start address falls
 * in (scripts/profile/symbolize.py) gives an instruction profile by function.
 * Counting is an inline add, so the guest runs at close to TCG speed.
 *
 * Plugin API version 1 (QEMU 7.2): only the calls below are used, declared
 * here so that no QEMU headers are needed to build it.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
typedef void (*tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*udata_cb_t)(qemu_plugin_id_t id, void *userdata);
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb_t cb,
				    void *userdata);

EXPORT int qemu_plugin_version = 1;

struct block {
	uint64_t vaddr;
	uint64_t insns;
	uint64_t execs;		/* the inline counter */
	struct block *next;
};

#define HASH_BITS	20
#define HASH_SIZE	(1u << HASH_BITS)

static struct block **table;
static const char *out_path = "tb-count.txt";

static unsigned int hash(uint64_t vaddr, uint64_t insns)
{
	return (unsigned int)(((vaddr ^ (insns << 48)) * 0x9e3779b97f4a7c15ull)
			      >> (64 - HASH_BITS));
}

/*
 * One block per (address, length): a block translated again (after a TLB
 * flush, or with other flags) keeps counting into the same entry, which
 * never moves, so the inline counter's address stays valid.  Translation is
 * serialized by QEMU; with one vCPU the counts are exact.
 */
static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	uint64_t insns = qemu_plugin_tb_n_insns(tb);
	unsigned int h = hash(vaddr, insns);
	struct block *b;

	(void)id;
	for (b = table[h]; b; b = b->next) {
		if (b->vaddr == vaddr && b->insns == insns)
			break;
	}
	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b)
			abort();
		b->vaddr = vaddr;
		b->insns = insns;
		b->next = table[h];
		table[h] = b;
	}
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->execs, 1);
}

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out_path, "w");
	unsigned int i;
	struct block *b;

	(void)id;
	(void)userdata;
	if (!f) {
		perror(out_path);
		return;
	}
	for (i = 0; i < HASH_SIZE; i++) {
		for (b = table[i]; b; b = b->next) {
			if (b->execs)
				fprintf(f, "%" PRIx64 " %" PRIu64 " %" PRIu64 "\n",
					b->vaddr, b->insns, b->execs);
		}
	}
	fclose(f);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4)) {
			out_path = argv[i] + 4;
		} else {
			fprintf(stderr, "tb-count: unknown argument '%s'\n", argv[i]);
			return -1;
		}
	}
	table = calloc(HASH_SIZE, sizeof(*table));
	if (!table)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
