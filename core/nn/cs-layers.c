/* cs-layers.c — forward/backward pairs of the classifier's layers
 *
 * Copyright 2026 The Crowdscope Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cs-layers.h"

#include <math.h>
#include <string.h>

#include "cs-blas.h"
#include "cs-pool.h"
#include "cs-simd.h"

/* ---- linear ------------------------------------------------------------------------------ */

void
cs_linear_init (float *weight,  /* [O,I] */
                float *bias,    /* [O] or NULL */
                int    I,
                int    O,
                CsRng *rng)
{
  g_return_if_fail (weight != NULL && rng != NULL);
  g_return_if_fail (I > 0 && O >= 0);

  float bound = 1.0f / sqrtf ((float) I);

  for (size_t i = 0; i < (size_t) I * O; i++)
    weight[i] = (2.0f * cs_rng_uniform (rng) - 1.0f) * bound;
  if (bias != NULL)
    for (int o = 0; o < O; o++)
      bias[o] = (2.0f * cs_rng_uniform (rng) - 1.0f) * bound;
}

void
cs_linear_forward (float       *out,     /* [B,O] */
                   const float *inp,     /* [B,I] */
                   const float *weight,  /* [O,I], PyTorch's layout */
                   const float *bias,    /* [O] or NULL */
                   int          B,
                   int          I,
                   int          O)
{
  g_return_if_fail (B >= 0 && I >= 0 && O >= 0);

  cs_matmul (out, inp, weight, B, O, I, false, true, 1.0f, 0.0f);
  if (bias == NULL)
    return;
  for (int b = 0; b < B; b++)
    {
      float *out_b = out + (size_t) b * O;

      for (int o = 0; o < O; o++)
        out_b[o] += bias[o];
    }
}

void
cs_linear_backward (float       *dinp,     /* [B,I] or NULL */
                    float       *dweight,  /* [O,I] */
                    float       *dbias,    /* [O] or NULL */
                    const float *dout,     /* [B,O] */
                    const float *inp,      /* [B,I] */
                    const float *weight,   /* [O,I] */
                    int          B,
                    int          I,
                    int          O)
{
  g_return_if_fail (B >= 0 && I >= 0 && O >= 0);
  g_return_if_fail (dweight != NULL);

  /* dinp += dout · weight;  dweight += doutᵀ · inp */
  if (dinp != NULL)
    cs_matmul (dinp, dout, weight, B, I, O, false, false, 1.0f, 1.0f);
  cs_matmul (dweight, dout, inp, O, I, B, true, false, 1.0f, 1.0f);
  if (dbias == NULL)
    return;
  for (int b = 0; b < B; b++)
    {
      const float *dout_b = dout + (size_t) b * O;

      for (int o = 0; o < O; o++)
        dbias[o] += dout_b[o];
    }
}

void
cs_linear_fold_forward (float       *w_folded,  /* [O,I] */
                        float       *b_folded,  /* [O] */
                        const float *weight,    /* [O,I] */
                        const float *bias,      /* [O] */
                        const float *sigma,     /* [I] */
                        const float *mu,        /* [I] */
                        int          I,
                        int          O)
{
  g_return_if_fail (I >= 0 && O >= 0);

  for (int o = 0; o < O; o++)
    {
      const float *w = weight + (size_t) o * I;
      float *wf = w_folded + (size_t) o * I;
      double acc = bias[o];

      for (int i = 0; i < I; i++)
        {
          wf[i] = w[i] * sigma[i];
          acc += (double) w[i] * mu[i];
        }
      b_folded[o] = (float) acc;
    }
}

void
cs_linear_fold_backward (float       *dweight,    /* [O,I] */
                         float       *dbias,      /* [O] */
                         const float *dw_folded,  /* [O,I] */
                         const float *db_folded,  /* [O] */
                         const float *sigma,      /* [I] */
                         const float *mu,         /* [I] */
                         int          I,
                         int          O)
{
  g_return_if_fail (I >= 0 && O >= 0);

  for (int o = 0; o < O; o++)
    {
      const float *dwf = dw_folded + (size_t) o * I;
      float *dw = dweight + (size_t) o * I;

      for (int i = 0; i < I; i++)
        dw[i] += dwf[i] * sigma[i] + db_folded[o] * mu[i];
      dbias[o] += db_folded[o];
    }
}

/* ---- relu and dropout, in one pass ------------------------------------------------------ */

/* mask[i] = (uniform >= p) ? 1/(1-p) : 0 for 0 < p < 1: the comparison's 0 or 1 times the
 * scale, on 24 random bits, with no branch on a coin flip. */
CS_CLONES void
cs_dropout_mask (float *mask,
                 int    N,
                 float  p,
                 CsRng *rng)
{
  float keep_scale = 1.0f / (1.0f - p);
  uint32_t threshold = (uint32_t) ceil ((double) p * 16777216.0);
  CsRngLanes seeded, lanes;
  uint32_t scale_bits;
  int i0 = 0;

  g_return_if_fail (N >= 0 && p > 0.0f && p < 1.0f && rng != NULL);

  /* Each lane's comparison is all ones or all zeros, so ANDed with the bits of keep_scale it
   * is that float or +0.0f: eight mask entries without leaving the vector registers. The state
   * is copied out of `seeded`, whose address the seeding call saw: the copy's never escapes,
   * so the stores into mask cannot alias it and it stays in registers. */
  memcpy (&scale_bits, &keep_scale, sizeof scale_bits);
  cs_rng_lanes_init (&seeded, rng);
  lanes = seeded;
  for (; i0 < N; i0 += CS_RNG_LANES)
    {
      CsRngVector draws[2], bits[2];

      cs_rng_lanes_next (&lanes, draws);
      for (int h = 0; h < 2; h++)
        bits[h] = (CsRngVector) ((draws[h] >> 8) >= threshold) & scale_bits;
      if (i0 + CS_RNG_LANES <= N)
        memcpy (mask + i0, bits, sizeof bits);
      else
        memcpy (mask + i0, bits, sizeof (float) * (N - i0));
    }
}

void
cs_relu_dropout_forward (float       *out,
                         float       *mask,
                         const float *inp,
                         int          ld,
                         int          B,
                         int          H,
                         float        p,
                         CsRng       *rng)
{
  g_return_if_fail (B >= 0 && H >= 0 && ld >= H);
  g_return_if_fail (p >= 0.0f && p < 1.0f);
  g_return_if_fail (rng != NULL || p == 0.0f);

  if (p > 0.0f)
    cs_dropout_mask (mask, B * H, p, rng);
  cs_relu_dropout_apply (out, p > 0.0f ? mask : NULL, inp, ld, B, H);
}

CS_CLONES void
cs_relu_dropout_apply (float       *out,   /* [B,H] */
                       const float *mask,  /* [B,H] or NULL */
                       const float *inp,   /* [B,ld] */
                       int          ld,
                       int          B,
                       int          H)
{
  g_return_if_fail (B >= 0 && H >= 0 && ld >= H);

  for (int b = 0; b < B; b++)
    {
      const float *in = inp + (size_t) b * ld;
      float *o = out + (size_t) b * H;

      if (mask != NULL)
        {
          const float *m = mask + (size_t) b * H;

          for (int j = 0; j < H; j++)
            o[j] = (in[j] > 0.0f ? in[j] : 0.0f) * m[j];
        }
      else
        for (int j = 0; j < H; j++)
          o[j] = in[j] > 0.0f ? in[j] : 0.0f;
    }
}

CS_CLONES void
cs_relu_dropout_backward (float       *dinp,  /* [B,ld] */
                          int          ld,
                          const float *dout,  /* [B,H] */
                          const float *inp,   /* [B,ld] */
                          const float *mask,  /* [B,H] or NULL */
                          int          B,
                          int          H)
{
  g_return_if_fail (B >= 0 && H >= 0 && ld >= H);

  for (int b = 0; b < B; b++)
    {
      const float *in = inp + (size_t) b * ld, *d = dout + (size_t) b * H;
      float *di = dinp + (size_t) b * ld;

      if (mask != NULL)
        {
          const float *m = mask + (size_t) b * H;

          for (int j = 0; j < H; j++)
            {
              float g = d[j] * m[j];

              di[j] = in[j] > 0.0f ? g : 0.0f;
            }
        }
      else
        for (int j = 0; j < H; j++)
          {
            float g = d[j];

            di[j] = in[j] > 0.0f ? g : 0.0f;
          }
    }
}

/* ---- batchnorm --------------------------------------------------------------------------- */

/* Batch statistics are per column, but a [B, C] matrix is stored a row at a time, so the
 * kernels below walk blocks of BN_COLUMNS columns row by row, with the block's sums on the stack.
 * Each column's sums still add its rows in order, as a column-by-column walk would. */
#define BN_COLUMNS 64

/* Mean and biased variance of columns c0 … c0 + n, in double: a batch's sum of squares loses
 * digits quickly in float. */
CS_CLONES static void
column_moments (double      *mean,   /* [n] */
                double      *var,    /* [n] */
                const float *inp,    /* [B,C] */
                int          B,
                int          C,
                int          c0,
                int          n)
{
  for (int j = 0; j < n; j++)
    mean[j] = var[j] = 0.0;
  for (int b = 0; b < B; b++)
    {
      const float *row = inp + (size_t) b * C + c0;

      for (int j = 0; j < n; j++)
        mean[j] += row[j];
    }
  for (int j = 0; j < n; j++)
    mean[j] /= B;
  for (int b = 0; b < B; b++)
    {
      const float *row = inp + (size_t) b * C + c0;

      for (int j = 0; j < n; j++)
        {
          double d = row[j] - mean[j];

          var[j] += d * d;
        }
    }
  for (int j = 0; j < n; j++)
    var[j] /= B;
}

/* Blocks [*first, *last) of C columns' BN_COLUMNS-wide blocks, as column offsets. */
static void
block_range (int  C,
             int  part,
             int  n_parts,
             int *first,
             int *last)
{
  int n_blocks = (C + BN_COLUMNS - 1) / BN_COLUMNS, b0, b1;

  cs_pool_range (n_blocks, part, n_parts, &b0, &b1);
  *first = b0 * BN_COLUMNS;
  *last = MIN (b1 * BN_COLUMNS, C);
}

void
cs_batchnorm_forward_train (float       *out,
                            float       *mean,
                            float       *rstd,
                            float       *running_mean,
                            float       *running_var,
                            const float *inp,
                            int          B,
                            int          C,
                            float        momentum,
                            float        eps)
{
  cs_batchnorm_forward_train_part (out, mean, rstd, NULL, running_mean, running_var, inp, B, C,
                                   momentum, eps, 0, 1);
}

void
cs_batchnorm_update_running (float       *running_mean,  /* [C] */
                             float       *running_var,   /* [C] */
                             const float *mean,          /* [C] */
                             const float *var,           /* [C], unbiased */
                             int          C,
                             float        momentum)
{
  for (int c = 0; c < C; c++)
    {
      running_mean[c] = (1.0f - momentum) * running_mean[c] + momentum * mean[c];
      running_var[c] = (1.0f - momentum) * running_var[c] + momentum * var[c];
    }
}

CS_CLONES void
cs_batchnorm_forward_train_part (float       *out,           /* [B,C] */
                                 float       *mean,          /* [C] */
                                 float       *rstd,          /* [C] */
                                 float       *var,           /* [C] or NULL */
                                 float       *running_mean,  /* [C] */
                                 float       *running_var,   /* [C] */
                                 const float *inp,           /* [B,C] */
                                 int          B,
                                 int          C,
                                 float        momentum,
                                 float        eps,
                                 int          part,
                                 int          n_parts)
{
  int first, last;

  g_return_if_fail (B > 1 && C >= 0);

  block_range (C, part, n_parts, &first, &last);
  for (int c0 = first; c0 < last; c0 += BN_COLUMNS)
    {
      int n = MIN (BN_COLUMNS, last - c0);
      double m[BN_COLUMNS], biased[BN_COLUMNS];
      float unbiased[BN_COLUMNS];

      column_moments (m, biased, inp, B, C, c0, n);
      for (int j = 0; j < n; j++)
        {
          mean[c0 + j] = (float) m[j];
          rstd[c0 + j] = (float) (1.0 / sqrt (biased[j] + eps));
          unbiased[j] = (float) (biased[j] * B / (B - 1));
          if (var != NULL)
            var[c0 + j] = unbiased[j];
        }
      cs_batchnorm_update_running (running_mean + c0, running_var + c0, mean + c0, unbiased, n,
                                   momentum);
      for (int b = 0; b < B; b++)
        {
          const float *in = inp + (size_t) b * C + c0;
          float *o = out + (size_t) b * C + c0;

          for (int j = 0; j < n; j++)
            o[j] = (in[j] - mean[c0 + j]) * rstd[c0 + j];
        }
    }
}

void
cs_batchnorm_forward_eval (float       *out,
                           const float *inp,
                           const float *running_mean,
                           const float *running_var,
                           int          B,
                           int          C,
                           float        eps)
{
  cs_batchnorm_forward_eval_part (out, inp, running_mean, running_var, B, C, eps, 0, 1);
}

CS_CLONES void
cs_batchnorm_forward_eval_part (float       *out,           /* [B,C] */
                                const float *inp,           /* [B,C] */
                                const float *running_mean,  /* [C] */
                                const float *running_var,   /* [C] */
                                int          B,
                                int          C,
                                float        eps,
                                int          part,
                                int          n_parts)
{
  int first, last;

  g_return_if_fail (B >= 0 && C >= 0);

  block_range (C, part, n_parts, &first, &last);
  for (int c0 = first; c0 < last; c0 += BN_COLUMNS)
    {
      int n = MIN (BN_COLUMNS, last - c0);
      float r[BN_COLUMNS];

      for (int j = 0; j < n; j++)
        r[j] = 1.0f / sqrtf (running_var[c0 + j] + eps);
      for (int b = 0; b < B; b++)
        {
          const float *in = inp + (size_t) b * C + c0;
          float *o = out + (size_t) b * C + c0;

          for (int j = 0; j < n; j++)
            o[j] = (in[j] - running_mean[c0 + j]) * r[j];
        }
    }
}

/* With x̂ the normalised output, dx = rstd · (dy − mean(dy) − x̂ · mean(dy · x̂)), per column;
 * the two means are what the batch statistics feed back. */
void
cs_batchnorm_backward (float       *dinp,
                       const float *dout,
                       const float *out,
                       const float *rstd,
                       int          B,
                       int          C)
{
  cs_batchnorm_backward_part (dinp, dout, out, rstd, B, C, 0, 1);
}

CS_CLONES void
cs_batchnorm_backward_part (float       *dinp,  /* [B,C] */
                            const float *dout,  /* [B,C] */
                            const float *out,   /* [B,C], the normalised x̂ */
                            const float *rstd,  /* [C] */
                            int          B,
                            int          C,
                            int          part,
                            int          n_parts)
{
  int first, last;

  g_return_if_fail (B > 0 && C >= 0);

  block_range (C, part, n_parts, &first, &last);
  for (int c0 = first; c0 < last; c0 += BN_COLUMNS)
    {
      int n = MIN (BN_COLUMNS, last - c0);
      double sum_dy[BN_COLUMNS] = { 0 }, sum_dy_xhat[BN_COLUMNS] = { 0 };
      float mean_dy[BN_COLUMNS], mean_dy_xhat[BN_COLUMNS];

      for (int b = 0; b < B; b++)
        {
          const float *dy = dout + (size_t) b * C + c0, *xhat = out + (size_t) b * C + c0;

          for (int j = 0; j < n; j++)
            {
              sum_dy[j] += dy[j];
              sum_dy_xhat[j] += (double) dy[j] * xhat[j];
            }
        }
      for (int j = 0; j < n; j++)
        {
          mean_dy[j] = (float) (sum_dy[j] / B);
          mean_dy_xhat[j] = (float) (sum_dy_xhat[j] / B);
        }
      for (int b = 0; b < B; b++)
        {
          const float *dy = dout + (size_t) b * C + c0, *xhat = out + (size_t) b * C + c0;
          float *dx = dinp + (size_t) b * C + c0;

          for (int j = 0; j < n; j++)
            dx[j] += rstd[c0 + j] * (dy[j] - mean_dy[j] - xhat[j] * mean_dy_xhat[j]);
        }
    }
}

/* ---- softmax and cross-entropy ----------------------------------------------------------- */

/* e^x for every x of an array, in straight-line arithmetic the compiler vectorises (libm's
 * expf is a call per element): x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r from a degree-6
 * polynomial (Cephes' expf coefficients), and 2^n put into the exponent bits. Within 2 ulp of
 * expf over the range a softmax uses, where every argument is ≤ 0; at and below −87.3
 * (−∞ included) the result is about 1.2e-38, near the smallest normal float, instead of a
 * subnormal or 0, which a softmax cannot tell apart; a NaN stays NaN. */
CS_CLONES static void
exp_inplace (float  *x,
             size_t  n)
{
  for (size_t i = 0; i < n; i++)
    {
      float in = x[i], v = in;
      float t, r, y;
      int32_t bits;
      bool nan = in != in;

      /* A NaN (a diverging run) goes through as 0 and comes out as itself. */
      v = nan ? 0.0f : v;
      v = v < -87.3f ? -87.3f : v;
      v = v > 88.3f ? 88.3f : v;
      /* Round to nearest by the 1.5 · 2^23 trick: SSE2 has no rounding instruction. */
      t = (v * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
      r = v - t * 0.693359375f;
      r = r - t * -2.12194440e-4f;
      y = 1.9875691500e-4f;
      y = y * r + 1.3981999507e-3f;
      y = y * r + 8.3334519073e-3f;
      y = y * r + 4.1665795894e-2f;
      y = y * r + 1.6666665459e-1f;
      y = y * r + 5.0000001201e-1f;
      y = y * r * r + r + 1.0f;
      bits = ((int32_t) t + 127) << 23;
      memcpy (&t, &bits, sizeof t);
      x[i] = nan ? in : y * t;
    }
}

CS_CLONES void
cs_softmax_rows (float       *probs,   /* [N,K] */
                 float       *lse,     /* [N] or NULL */
                 const float *logits,  /* [N,K] */
                 int          N,
                 int          K)
{
  g_return_if_fail (N >= 0 && K > 0);

  for (int b = 0; b < N; b++)
    {
      const float *l = logits + (size_t) b * K;
      float *p = probs + (size_t) b * K;
      float max = -INFINITY;

      for (int k = 0; k < K; k++)
        max = l[k] > max ? l[k] : max;
      for (int k = 0; k < K; k++)
        p[k] = l[k] - max;
      if (lse != NULL)
        lse[b] = max;
    }
  exp_inplace (probs, (size_t) N * K);
  /* Every term is in (0, 1] and one of them is 1, so a float sum of K terms is good to K ulps. */
  for (int b = 0; b < N; b++)
    {
      float *p = probs + (size_t) b * K;
      float sum = 0.0f;

      for (int k = 0; k < K; k++)
        sum += p[k];
      for (int k = 0; k < K; k++)
        p[k] /= sum;
      if (lse != NULL)
        lse[b] += logf (sum);
    }
}

float
cs_softmax_row (float       *probs,   /* [K] */
                const float *logits,  /* [K] */
                int          K)
{
  float lse;

  cs_softmax_rows (probs, &lse, logits, 1, K);
  return lse;
}

void
cs_softmax_forward (float       *probs,   /* [B,K] */
                    const float *logits,  /* [B,K] */
                    int          B,
                    int          K)
{
  g_return_if_fail (B >= 0 && K > 0);

  cs_softmax_rows (probs, NULL, logits, B, K);
}

/* dlogits_j = p_j · (dprobs_j − Σ_k dprobs_k p_k), the softmax Jacobian applied row by row. */
void
cs_softmax_backward (float       *dlogits,  /* [B,K] */
                     const float *dprobs,   /* [B,K] */
                     const float *probs,    /* [B,K] */
                     int          B,
                     int          K)
{
  g_return_if_fail (B >= 0 && K > 0);

  for (int b = 0; b < B; b++)
    {
      const float *dp = dprobs + (size_t) b * K;
      const float *p = probs + (size_t) b * K;
      float *dl = dlogits + (size_t) b * K;
      double dot = 0.0;

      for (int k = 0; k < K; k++)
        dot += (double) dp[k] * p[k];
      for (int k = 0; k < K; k++)
        dl[k] += p[k] * (dp[k] - (float) dot);
    }
}

static bool
targets_valid (const int32_t *targets,
               int            B,
               int            K)
{
  for (int b = 0; b < B; b++)
    if (targets[b] < -1 || targets[b] >= K)
      return false;
  return true;
}

float
cs_softmax_xent_forward_backward (float         *dlogits,        /* [B,K] or NULL */
                                  float         *probs_scratch,  /* [B,K] */
                                  const float   *logits,         /* [B,K] */
                                  const int32_t *targets,        /* [B], -1 = ignore */
                                  int            B,
                                  int            K)
{
  g_return_val_if_fail (B >= 0 && K > 0, 0.0f);
  g_return_val_if_fail (targets_valid (targets, B, K), 0.0f);

  double loss = 0.0;
  int count = 0;

  for (int b = 0; b < B; b++)
    {
      const float *l = logits + (size_t) b * K;
      float lse = cs_softmax_row (probs_scratch + (size_t) b * K, l, K);

      if (targets[b] < 0)
        continue;
      loss += lse - l[targets[b]];
      count++;
    }
  if (count == 0)
    return 0.0f;

  if (dlogits != NULL)
    {
      float scale = 1.0f / count;

      for (int b = 0; b < B; b++)
        {
          const float *p = probs_scratch + (size_t) b * K;
          float *dl = dlogits + (size_t) b * K;

          if (targets[b] < 0)
            continue;
          for (int k = 0; k < K; k++)
            dl[k] += (p[k] - (k == targets[b] ? 1.0f : 0.0f)) * scale;
        }
    }

  return (float) (loss / count);
}
