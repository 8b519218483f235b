// How to train: the optimizer with exactly its own settings (starting at the book's defaults), the
// mini-batch size, epochs, weight decay λ, the seed, and how many worker threads share the work.

import { findOptimizerType, optimizerTypes } from '../../engine/optimizers/registry';
import { setOptimizer, setOptimizerValue, setTraining, setWorkers, useAssembly, useDraft } from '../app/draftStore';
import { useLocked } from '../app/packLock';
import { useI18n } from '../i18n/useI18n';
import { describeProblem } from '../i18n/problems';
import { fieldHint, fieldLabel } from '../i18n/registryText';
import { optimizerDefaults } from '../model/experiment';
import { MAX_WORKERS } from '../model/formFields';
import { FieldRow, TextField } from './FieldRow';

export function TrainingForm() {
  const { t, lang } = useI18n();
  const training = useDraft((s) => s.training);
  const workers = useDraft((s) => s.workers);
  const fields = useAssembly().fields;
  const problem = (field: string) => (fields[field] ? describeProblem(lang, fields[field]) : null);
  const optimizer = findOptimizerType(training.optimizer) ?? optimizerTypes[0];
  const defaults = optimizerDefaults(optimizer.type);
  const optimizerLocked = useLocked('training.optimizer.type');
  const atDefaults = optimizer.fields.every((f) => (training.values[f.name] ?? '') === defaults[f.name]);

  return (
    <div className="form" data-testid="form.training">
      <section className="form__section">
        <FieldRow id="form-optimizer" label={t('field.optimizer')} hint={optimizer.text[lang].summary} lockPath="training.optimizer.type">
          {(describedBy, locked) => (
            <select
              id="form-optimizer"
              className="select"
              data-testid="form.optimizer"
              value={optimizer.type}
              aria-describedby={describedBy}
              disabled={locked}
              onChange={(e) => setOptimizer(e.target.value)}
            >
              {optimizerTypes.map((o) => (
                <option key={o.type} value={o.type}>
                  {o.text[lang].label}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
        <div className="form__stack">
          {optimizer.fields.map((field) => (
            <TextField
              key={`${optimizer.type}-${field.name}`}
              id={`form-${field.name}`}
              testId={`form.field.${field.name}`}
              label={fieldLabel(lang, field)}
              aside={t('form.default', { value: defaults[field.name]! })}
              hint={fieldHint(lang, field)}
              error={problem(field.name)}
              value={training.values[field.name] ?? ''}
              lockPath={`training.optimizer.${field.name}`}
              onChange={(v) => setOptimizerValue(field.name, v)}
            />
          ))}
        </div>
        {!atDefaults && !optimizerLocked && (
          <button type="button" className="btn btn--small form__reset" data-testid="form.optimizer.defaults" onClick={() => setOptimizer(optimizer.type)}>
            {t('form.bookDefaults')}
          </button>
        )}
      </section>

      <section className="form__section">
        <h3 className="card__title">{t('form.schedule')}</h3>
        <div className="form__grid">
          <TextField
            id="form-batch-size"
            testId="form.field.batchSize"
            label={t('field.batchSize')}
            hint={t('field.batchSize.hint')}
            error={problem('batchSize')}
            value={training.batchSize}
            lockPath="training.batchSize"
            onChange={(v) => setTraining({ batchSize: v })}
          />
          <TextField
            id="form-epochs"
            testId="form.field.epochs"
            label={t('field.epochs')}
            hint={t('field.epochs.hint')}
            error={problem('epochs')}
            value={training.epochs}
            lockPath="training.epochs"
            onChange={(v) => setTraining({ epochs: v })}
          />
          <TextField
            id="form-weight-decay"
            testId="form.field.weightDecay"
            label={t('field.weightDecay')}
            hint={t('field.weightDecay.hint')}
            error={problem('weightDecay')}
            value={training.weightDecay}
            lockPath="training.weightDecay"
            onChange={(v) => setTraining({ weightDecay: v })}
          />
          <TextField
            id="form-seed"
            testId="form.field.seed"
            label={t('field.seed')}
            hint={t('field.seed.hint')}
            error={problem('seed')}
            value={training.seed}
            lockPath="training.seed"
            onChange={(v) => setTraining({ seed: v })}
          />
        </div>
      </section>

      <section className="form__section">
        <h3 className="card__title">{t('form.run')}</h3>
        <div className="form__grid">
          <TextField
            id="form-workers"
            testId="form.field.workers"
            label={t('field.workers')}
            aside={t('form.range', { min: 1, max: MAX_WORKERS })}
            hint={t('field.workers.hint')}
            error={problem('workers')}
            value={workers}
            onChange={setWorkers}
          />
        </div>
      </section>
    </div>
  );
}
