import { forwardRef, useEffect, useRef, useState } from 'react';
import {
  Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Radio, RadioGroup, Subtitle2, makeStyles, tokens,
} from '@fluentui/react-components';
import { escapeUntrusted } from '../engine/issues';
import { PRICE_BOOK_TEMPLATE_RULES, PRICE_BOOK_TEMPLATES, type PriceBookTemplate } from '../engine/modelTemplates';
import { setUpModel, type ModelSetupResult } from '../excel/modelSetup';
import { selectProblem } from '../excel/selectProblem';
import { validateModel, type ModelProblem } from '../excel/validateModel';
import { actionErrorMessage } from './actionError';
import { ModelCheck } from './ModelCheck';
import { useWorkbookAccess } from './workbookActivity';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Working = 'setup' | 'check';
type Outcome = 'setup' | 'check' | 'error';

interface PanelState {
  working: Working | null;
  setup: ModelSetupResult | null;
  problems: ModelProblem[] | null;
  error: { title: string; message: string } | null;
  /** The outcome that takes the focus; a new object each time one is shown. */
  focus: { on: Outcome } | null;
}

const WORKING_CAPTION: Record<Working, string> = {
  setup: 'Setting up the model tables…',
  check: 'Checking the model tables…',
};

/** What "Set up the model" did: one line per table created or kept, and what was not created and why. */
const ModelSetupMessage = forwardRef<HTMLDivElement, { result: ModelSetupResult }>(function ModelSetupMessage({ result }, ref) {
  const styles = useStyles();
  const title = result.blocked.length > 0 ? 'Some tables were not created'
    : result.created.length > 0 ? 'The model is set up' : 'The model was already set up';
  return (
    <MessageBar ref={ref} tabIndex={-1} intent={result.blocked.length > 0 ? 'warning' : 'success'} layout="multiline" data-testid="model-result">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <ul className={styles.list}>
          {result.messages.map((message, index) => <li key={index}>{escapeUntrusted(message)}</li>)}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
});

/**
 * The Model panel (PRODUCT.md task pane 2): choose a price-book template, set up the model tables
 * that are missing (PriceBook, Customers with the accounts in Lines, Settings, FxRates,
 * SupportPlans; nothing that exists is overwritten), and check them in place — each problem with
 * its sheet, cell and value, selecting the cell when chosen. Its `run` comes from App
 * (`useWorkbookAccess`); its controls wait while another panel changes the workbook.
 */
export function ModelPanel() {
  const styles = useStyles();
  const { run, blocked } = useWorkbookAccess('model');
  const [template, setTemplate] = useState<PriceBookTemplate>('markup');
  const [state, setState] = useState<PanelState>({ working: null, setup: null, problems: null, error: null, focus: null });
  const refs = { setup: useRef<HTMLDivElement>(null), check: useRef<HTMLDivElement>(null), error: useRef<HTMLDivElement>(null) };
  // The outcome takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => { if (state.focus !== null) refs[state.focus.on].current?.focus(); }, [state.focus]);

  const fail = (title: string, error: unknown) => {
    setState((s) => ({ ...s, working: null, error: { title, message: actionErrorMessage(error) }, focus: { on: 'error' } }));
  };

  const setUp = async () => {
    // A check from before the set-up no longer describes the tables.
    setState({ working: 'setup', setup: null, problems: null, error: null, focus: null });
    try {
      const setup = await run((context) => setUpModel(context, { template }));
      setState((s) => ({ ...s, working: null, setup, focus: { on: 'setup' } }));
    } catch (error) {
      fail('The model could not be set up', error);
    }
  };

  const check = async () => {
    setState((s) => ({ ...s, working: 'check', problems: null, error: null, focus: null }));
    try {
      const problems = await run((context) => validateModel(context));
      setState((s) => ({ ...s, working: null, problems, focus: { on: 'check' } }));
    } catch (error) {
      fail('The model could not be checked', error);
    }
  };

  const select = async (problem: ModelProblem) => {
    // The list stays as it is (and keeps the focus), so the next problem is one Tab away.
    try {
      await run((context) => selectProblem(context, problem));
      setState((s) => (s.error === null ? s : { ...s, error: null }));
    } catch (error) {
      fail('The cell could not be selected', error);
    }
  };

  const busy = blocked || state.working !== null;
  return (
    <section className={styles.root} aria-labelledby="rerate-model-title">
      <Subtitle2 as="h2" id="rerate-model-title">Price book &amp; settings</Subtitle2>
      <Caption1>
        Creates the PriceBook, Customers (one row per account in Lines), Settings, FxRates and SupportPlans tables that
        are missing. Tables and cells that exist are never overwritten.
      </Caption1>
      <Field label="Price book template" hint="Used only when the PriceBook table is created.">
        <RadioGroup value={template} onChange={(_event, data) => setTemplate(data.value as PriceBookTemplate)} disabled={busy}>
          {PRICE_BOOK_TEMPLATES.map((t) => <Radio key={t} value={t} label={PRICE_BOOK_TEMPLATE_RULES[t].title} />)}
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void setUp()} disabled={busy}>Set up the model</Button>
        <Button onClick={() => void check()} disabled={busy}>Check the model</Button>
      </div>
      {state.working !== null && (
        <div aria-live="polite">
          <ProgressBar aria-label={WORKING_CAPTION[state.working]} />
          <Caption1>{WORKING_CAPTION[state.working]}</Caption1>
        </div>
      )}
      {state.setup !== null && <ModelSetupMessage ref={refs.setup} result={state.setup} />}
      {state.problems !== null && <ModelCheck ref={refs.check} problems={state.problems} onSelect={(p) => void select(p)} disabled={blocked} />}
      {state.error !== null && (
        <MessageBar ref={refs.error} tabIndex={-1} intent="error" layout="multiline" data-testid="model-error">
          <MessageBarBody><MessageBarTitle>{state.error.title}</MessageBarTitle>{state.error.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
