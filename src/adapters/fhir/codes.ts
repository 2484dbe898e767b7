import activeCancer from '../../../codes/active-cancer.json';
import acuteThromboembolism from '../../../codes/acute-thromboembolism.json';
import anticoagulants from '../../../codes/anticoagulants.json';
import bodySiteBilateral from '../../../codes/body-site-bilateral.json';
import bodySiteLeft from '../../../codes/body-site-left.json';
import bodySiteLeg from '../../../codes/body-site-leg.json';
import bodySiteRight from '../../../codes/body-site-right.json';
import bodyWeight from '../../../codes/body-weight.json';
import criticalLimbIschaemia from '../../../codes/critical-limb-ischaemia.json';
import estrogenTherapy from '../../../codes/estrogen-therapy.json';
import foamFormulation from '../../../codes/foam-formulation.json';
import glycerin from '../../../codes/glycerin.json';
import hypertonicSaline from '../../../codes/hypertonic-saline.json';
import liquidFormulation from '../../../codes/liquid-formulation.json';
import migraineWithAura from '../../../codes/migraine-with-aura.json';
import noKnownAllergy from '../../../codes/no-known-allergy.json';
import patentForamenOvale from '../../../codes/patent-foramen-ovale.json';
import peripheralArterialDisease from '../../../codes/peripheral-arterial-disease.json';
import polidocanol from '../../../codes/polidocanol.json';
import pregnancy from '../../../codes/pregnancy.json';
import pregnancyEnded from '../../../codes/pregnancy-ended.json';
import pregnancyStatus from '../../../codes/pregnancy-status.json';
import pregnancyStatusNotPregnant from '../../../codes/pregnancy-status-not-pregnant.json';
import pregnancyStatusPregnant from '../../../codes/pregnancy-status-pregnant.json';
import pregnancyStatusUncertain from '../../../codes/pregnancy-status-uncertain.json';
import priorThromboembolism from '../../../codes/prior-thromboembolism.json';
import sclerosantUnspecified from '../../../codes/sclerosant-unspecified.json';
import sodiumTetradecylSulfate from '../../../codes/sodium-tetradecyl-sulfate.json';
import superficialThrombophlebitis from '../../../codes/superficial-thrombophlebitis.json';
import telangiectasia from '../../../codes/telangiectasia.json';
import thrombophilia from '../../../codes/thrombophilia.json';
import varicoseVeins from '../../../codes/varicose-veins.json';
import venousUlcer from '../../../codes/venous-ulcer.json';
import breastfeedingStatus from '../../../codes/breastfeeding-status.json';
import sclerotherapyProcedure from '../../../codes/sclerotherapy-procedure.json';
import surgicalProcedure from '../../../codes/surgical-procedure.json';
import venousDuplex from '../../../codes/venous-duplex.json';
import { RulesError, type Issue } from '../../model/issues.js';
import { CodeListSchema, type CodeList } from './code-list-schema.js';

/** The concepts the adapter recognises, one file each under `codes/`. */
export const CONCEPTS = [
  'active-cancer',
  'acute-thromboembolism',
  'anticoagulants',
  'body-site-bilateral',
  'body-site-left',
  'body-site-leg',
  'body-site-right',
  'body-weight',
  'critical-limb-ischaemia',
  'estrogen-therapy',
  'foam-formulation',
  'glycerin',
  'hypertonic-saline',
  'liquid-formulation',
  'migraine-with-aura',
  'no-known-allergy',
  'patent-foramen-ovale',
  'peripheral-arterial-disease',
  'polidocanol',
  'pregnancy',
  'pregnancy-ended',
  'pregnancy-status',
  'pregnancy-status-not-pregnant',
  'pregnancy-status-pregnant',
  'pregnancy-status-uncertain',
  'prior-thromboembolism',
  'sclerosant-unspecified',
  'sodium-tetradecyl-sulfate',
  'superficial-thrombophlebitis',
  'telangiectasia',
  'thrombophilia',
  'varicose-veins',
  'venous-ulcer',
  'breastfeeding-status',
  'sclerotherapy-procedure',
  'surgical-procedure',
  'venous-duplex',
] as const;

/** A concept of the code lists, e.g. `acute-thromboembolism`. */
export type Concept = (typeof CONCEPTS)[number];

// Static imports, so that the entry bundles for browsers without reading files at run time.
const RAW: Readonly<Record<Concept, unknown>> = {
  'active-cancer': activeCancer,
  'acute-thromboembolism': acuteThromboembolism,
  'anticoagulants': anticoagulants,
  'body-site-bilateral': bodySiteBilateral,
  'body-site-left': bodySiteLeft,
  'body-site-leg': bodySiteLeg,
  'body-site-right': bodySiteRight,
  'body-weight': bodyWeight,
  'critical-limb-ischaemia': criticalLimbIschaemia,
  'estrogen-therapy': estrogenTherapy,
  'foam-formulation': foamFormulation,
  'glycerin': glycerin,
  'hypertonic-saline': hypertonicSaline,
  'liquid-formulation': liquidFormulation,
  'migraine-with-aura': migraineWithAura,
  'no-known-allergy': noKnownAllergy,
  'patent-foramen-ovale': patentForamenOvale,
  'peripheral-arterial-disease': peripheralArterialDisease,
  'polidocanol': polidocanol,
  'pregnancy': pregnancy,
  'pregnancy-ended': pregnancyEnded,
  'pregnancy-status': pregnancyStatus,
  'pregnancy-status-not-pregnant': pregnancyStatusNotPregnant,
  'pregnancy-status-pregnant': pregnancyStatusPregnant,
  'pregnancy-status-uncertain': pregnancyStatusUncertain,
  'prior-thromboembolism': priorThromboembolism,
  'sclerosant-unspecified': sclerosantUnspecified,
  'sodium-tetradecyl-sulfate': sodiumTetradecylSulfate,
  'superficial-thrombophlebitis': superficialThrombophlebitis,
  'telangiectasia': telangiectasia,
  'thrombophilia': thrombophilia,
  'varicose-veins': varicoseVeins,
  'venous-ulcer': venousUlcer,
  'breastfeeding-status': breastfeedingStatus,
  'sclerotherapy-procedure': sclerotherapyProcedure,
  'surgical-procedure': surgicalProcedure,
  'venous-duplex': venousDuplex,
};

const load = (): Readonly<Record<Concept, CodeList>> => {
  const issues: Issue[] = [];
  const lists = Object.fromEntries(
    CONCEPTS.map((concept) => {
      const result = CodeListSchema.safeParse(RAW[concept]);
      if (!result.success) {
        issues.push({ code: 'invalid_input', message: `codes/${concept}.json is not a valid code list`, path: [concept] });
      } else if (result.data.concept !== concept) {
        issues.push({ code: 'invalid_input', message: `codes/${concept}.json names the concept "${result.data.concept}"`, path: [concept, 'concept'] });
      }
      return [concept, result.data];
    }),
  ) as Record<Concept, CodeList>;
  const [first, ...rest] = issues;
  // The shipped code lists are validated by the test suite; reaching this means a broken package.
  if (first !== undefined) throw new RulesError([first, ...rest]);
  return lists;
};

/** Every shipped code list by concept, validated when the module loads. */
export const CODE_LISTS: Readonly<Record<Concept, CodeList>> = load();
