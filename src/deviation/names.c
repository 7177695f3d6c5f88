/* names.c: the stored and API names of kinds, statuses and actions. They
 * are stored in the database and used by integrations: never rename one
 * without a migration. */
#include "deviation/deviation.h"

#include "util/text.h"

static const char *const kind_names[DEV_KIND_MAX] = {
	[DEV_DEVIATION]		= "deviation",
	[DEV_IMPROVEMENT]	= "improvement",
};

static const char *const status_names[DEV_STATUS_MAX] = {
	[DEV_NEW]		= "new",
	[DEV_ACKNOWLEDGED]	= "acknowledged",
	[DEV_RETURNED]		= "returned",
	[DEV_CLOSED]		= "closed",
};

static const char *const status_groups[DEV_STATUS_MAX] = {
	[DEV_NEW]		= "open",
	[DEV_ACKNOWLEDGED]	= "in_progress",
	[DEV_RETURNED]		= "in_progress",
	[DEV_CLOSED]		= "closed",
};

static const char *const action_names[DA_MAX] = {
	[DA_ACKNOWLEDGE]	= "acknowledge",
	[DA_TRANSFER]		= "transfer",
	[DA_RETURN]		= "return",
	[DA_RESUBMIT]		= "resubmit",
	[DA_CLASSIFY]		= "classify",
	[DA_ANALYSE]		= "analyse",
	[DA_ADD_MEASURE]	= "add_measure",
	[DA_COMPLETE_MEASURE]	= "complete_measure",
	[DA_CLOSE]		= "close",
	[DA_REOPEN]		= "reopen",
	[DA_COMMENT]		= "comment",
	[DA_LEGAL_DONE]		= "legal_done",
	[DA_ASSIGN_MEASURE]	= "assign_measure",
};

/* The enum value of name s among names[0..max-1], or -1. */
static int
parse(const char *const *names, int max, const char *s)
{
	return text_index(names, (size_t)max, s);
}

const char *
dev_kind_name(enum dev_kind k)
{
	return ((int)k < 0 || k >= DEV_KIND_MAX) ? NULL : kind_names[k];
}

int
dev_kind_parse(const char *s, enum dev_kind *out)
{
	int i = parse(kind_names, DEV_KIND_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum dev_kind)i;
	return 0;
}

const char *
dev_status_name(enum dev_status s)
{
	return ((int)s < 0 || s >= DEV_STATUS_MAX) ? NULL : status_names[s];
}

int
dev_status_parse(const char *s, enum dev_status *out)
{
	int i = parse(status_names, DEV_STATUS_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum dev_status)i;
	return 0;
}

const char *
dev_status_group(enum dev_status s)
{
	return ((int)s < 0 || s >= DEV_STATUS_MAX) ? NULL : status_groups[s];
}

const char *
dev_action_name(enum dev_action a)
{
	return ((int)a < 0 || a >= DA_MAX) ? NULL : action_names[a];
}

int
dev_action_parse(const char *s, enum dev_action *out)
{
	int i = parse(action_names, DA_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum dev_action)i;
	return 0;
}
