// What a screen reader hears when a run ends, in both languages: a finished run politely, a run whose
// loss blew up or that failed at once and with the reason, nothing for the events of a run under way.

import { describe, expect, it } from 'vitest';
import { describeDivergence } from '../../../engine/divergence';
import { announcementOf } from '../../../renderer/app/runAnnouncement';

const roseWarning = { code: 'loss-rose', from: 2.3, to: 87.5 } as const;

describe('a run’s end, announced', () => {
  it('a finished run, politely, in English and Korean', () => {
    expect(announcementOf('en', { type: 'status', runId: 7, status: 'done' })).toEqual({ text: 'Run #7 finished.', urgent: false });
    expect(announcementOf('ko', { type: 'status', runId: 7, status: 'done' })).toEqual({ text: '실행 #7의 학습이 끝났습니다.', urgent: false });
    expect(announcementOf('en', { type: 'status', runId: 2, status: 'cancelled' })?.text).toBe('Run #2 was stopped.');
  });

  it('a run whose loss blew up, at once, with what happened in the reader’s language', () => {
    const event = { type: 'status', runId: 3, status: 'done', warning: { ...roseWarning, message: describeDivergence(roseWarning) } } as const;
    const en = announcementOf('en', event)!;
    const ko = announcementOf('ko', event)!;
    expect(en.urgent).toBe(true);
    expect(en.text).toMatch(/^Run #3 finished\. The loss blew up: .*2\.3.*87\.5/);
    expect(ko.text).toMatch(/^실행 #3의 학습이 끝났습니다\. 손실이 발산했습니다: .*[가-힣]/);
  });

  it('a failed run, at once, with the lab’s sentence in the reader’s language', () => {
    const failure = 'Training stopped at iteration 4: the loss became NaN. Try a smaller learning rate.';
    const en = announcementOf('en', { type: 'status', runId: 5, status: 'failed', failure })!;
    expect(en).toEqual({ text: `Run #5 failed: ${failure}`, urgent: true });
    expect(announcementOf('ko', { type: 'status', runId: 5, status: 'failed' })!.text).toBe('실행 #5의 학습에 실패했습니다. 실패 이유가 기록되지 않았습니다.');
  });

  it('says nothing while a run goes on', () => {
    expect(announcementOf('en', { type: 'status', runId: 1, status: 'running' })).toBeNull();
    expect(announcementOf('en', { type: 'measuring', runId: 1, epoch: 1 })).toBeNull();
  });
});
