/* test-majority-vote.c — the crowd's votes on an item: the winner, the text, the entropy
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "cs-majority-vote.h"

static char *class_names[] = { "street", "insidecity", "coast", "forest", NULL };

static void
test_winner_and_text (void)
{
  int split_tie[4] = { 0, 2, 0, 2 }, none[4] = { 0 }, one[4] = { 0, 0, 1, 0 };
  int many[4] = { 1, 3, 0, 2 };
  g_autofree char *tie_text = cs_votes_format (split_tie, 4, class_names);
  g_autofree char *none_text = cs_votes_format (none, 4, class_names);
  g_autofree char *many_text = cs_votes_format (many, 4, class_names);

  g_assert_cmpint (cs_votes_winner (split_tie, 4), ==, 1);
  g_assert_cmpint (cs_votes_winner (none, 4), ==, -1);
  g_assert_cmpint (cs_votes_winner (one, 4), ==, 2);
  g_assert_cmpstr (tie_text, ==, "insidecity:2;forest:2");
  g_assert_cmpstr (none_text, ==, "");
  g_assert_cmpstr (many_text, ==, "insidecity:3;forest:2;street:1");
}

/* Worked out by hand: −Σ p log2 p over the classes with votes. */
static void
test_entropy (void)
{
  int unanimous[4] = { 0, 3, 0, 0 }, even[4] = { 1, 1, 0, 0 }, two_one[4] = { 2, 1, 0, 0 };
  int spread[4] = { 1, 1, 1, 1 }, none[4] = { 0 };

  g_assert_cmpfloat (cs_votes_entropy (unanimous, 4), ==, 0.0);
  g_assert_false (signbit (cs_votes_entropy (unanimous, 4)));
  g_assert_cmpfloat (cs_votes_entropy (even, 4), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (cs_votes_entropy (two_one, 4),
                                  log2 (3) - 2.0 / 3, 1e-12);
  g_assert_cmpfloat (cs_votes_entropy (spread, 4), ==, 2.0);
  g_assert_true (isnan (cs_votes_entropy (none, 4)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/majority-vote/winner-and-text", test_winner_and_text);
  g_test_add_func ("/majority-vote/entropy", test_entropy);
  return g_test_run ();
}
